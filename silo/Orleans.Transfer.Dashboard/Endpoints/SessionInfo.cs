using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Dashboard.Endpoints;

/// <summary><c>GET /api/session</c>: who is logged in and the token every POST must carry.</summary>
/// <param name="Caller">The user.</param>
/// <param name="AntiForgeryToken">For the <c>X-Xfer-Csrf</c> header.</param>
internal sealed record SessionInfo(CallerInfo Caller, string AntiForgeryToken);
