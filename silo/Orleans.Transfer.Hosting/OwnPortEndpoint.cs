using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Orleans.Transfer.Hosting;

/// <summary>Where a surface listens, and which setting chose it (named when the port cannot be bound).</summary>
/// <param name="Surface">What listens, for messages: "The BITS upload server".</param>
/// <param name="Setting">The setting an operator changes to move it: "XFER_UPLOAD_PORT (Transfer:Uploads:Port)".</param>
/// <param name="Address">The one address to listen on.</param>
/// <param name="Port">The port; 0 lets the system pick one (<see cref="OwnPortServer.Port"/> says which).</param>
public sealed record OwnPortEndpoint(string Surface, string Setting, IPAddress Address, int Port)
{
    /// <summary>The HTTP versions served. Default: HTTP/1.1 and HTTP/2 (Kestrel's default).</summary>
    public HttpProtocols Protocols { get; init; } = HttpProtocols.Http1AndHttp2;

    /// <summary>A PKCS#12 file without password to serve HTTPS with; null (the default) serves plain HTTP.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The address as it goes in a URL (IPv6 in brackets).</summary>
    public string UrlHost => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();
}
