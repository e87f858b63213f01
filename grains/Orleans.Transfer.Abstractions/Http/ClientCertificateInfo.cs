namespace Orleans.Transfer.Http;

/// <summary>A job's client certificate, as callers see it: where it came from and which certificate, never its key.</summary>
/// <param name="Source">Where it came from.</param>
/// <param name="Origin">The file it was read from, or the store's name.</param>
/// <param name="Subject">The certificate's subject.</param>
/// <param name="Thumbprint">Its SHA-1 thumbprint in hex.</param>
/// <param name="NotAfter">When it expires.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Http.ClientCertificateInfo")]
public sealed record ClientCertificateInfo(
    ClientCertificateSource Source,
    string Origin,
    string Subject,
    string Thumbprint,
    DateTimeOffset NotAfter);
