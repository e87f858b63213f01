namespace Orleans.Transfer.LocalApi;

/// <summary>
/// A login to the web dashboard minted for the caller (<see cref="LocalApiRoutes.DashboardLogin"/>): the URL carries a
/// single-use token that the page exchanges for a session cookie; it works once, before <paramref name="ExpiresAt"/>.
/// </summary>
/// <param name="Url">The dashboard's login URL with the token in its query.</param>
/// <param name="ExpiresAt">When the token stops working (UTC).</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.LocalApi.DashboardLogin")]
public sealed record DashboardLogin(string Url, DateTimeOffset ExpiresAt);
