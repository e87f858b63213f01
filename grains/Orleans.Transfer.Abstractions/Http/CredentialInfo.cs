namespace Orleans.Transfer.Http;

/// <summary>A credential a job holds, as callers see it: never its password.</summary>
/// <param name="Target">Server or proxy.</param>
/// <param name="Scheme">The scheme it answers.</param>
/// <param name="UserName">The user name.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Http.CredentialInfo")]
public sealed record CredentialInfo(AuthTarget Target, AuthScheme Scheme, string UserName);
