using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Orleans.Transfer.LocalApi.Hosting;
using Orleans.Transfer.LocalApi.Identity;

namespace Orleans.Transfer.LocalApi.Tests;

/// <summary>
/// The test seam for another user: a request with <see cref="Header"/> is from that uid, an ordinary user (not an
/// administrator); any other request is resolved for real, from the socket's peer credentials (this process).
/// </summary>
public sealed class ActingCallerResolver(IOptions<LocalApiOptions> options) : ICallerIdentityResolver
{
    public const string Header = "X-Test-Act-As-Uid";

    private readonly UnixCallerIdentityResolver _real = new(options);

    public static CallerInfo OtherUser(uint uid) =>
        new("unix:" + uid.ToString(CultureInfo.InvariantCulture), "user" + uid.ToString(CultureInfo.InvariantCulture), IsAdministrator: false);

    public CallerInfo Resolve(HttpContext context) =>
        context.Request.Headers.TryGetValue(Header, out var uid)
            ? OtherUser(uint.Parse(uid.ToString(), CultureInfo.InvariantCulture))
            : _real.Resolve(context);
}
