using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Dashboard.Sessions;

/// <summary>A browser's login: who the local API said was calling when the token was minted, and the session's anti-forgery token.</summary>
/// <param name="Caller">The user, as the local API established them (peer credentials).</param>
/// <param name="AntiForgeryToken">Every POST carries it in <c>X-Xfer-Csrf</c>; only the page can read it.</param>
/// <param name="ExpiresAt">When the session ends.</param>
internal sealed record DashboardSession(CallerInfo Caller, string AntiForgeryToken, DateTimeOffset ExpiresAt);
