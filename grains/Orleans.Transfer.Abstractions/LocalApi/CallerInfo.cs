namespace Orleans.Transfer.LocalApi;

/// <summary>Who the local API established the caller to be.</summary>
/// <param name="Owner">The owner id jobs are recorded under: <c>unix:&lt;uid&gt;</c>, or a Windows SID.</param>
/// <param name="Name">The account name, for display; the owner id when the account has no name.</param>
/// <param name="IsAdministrator">Root, a member of <c>Transfer:Security:AdminGroup</c>, or a Windows Administrator.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.LocalApi.CallerInfo")]
public sealed record CallerInfo(string Owner, string Name, bool IsAdministrator);
