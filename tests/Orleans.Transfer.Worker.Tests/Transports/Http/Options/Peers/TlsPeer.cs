using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>
/// A Kestrel HTTPS server on 127.0.0.1 with the given certificate that serves <see cref="Content"/> at
/// <c>/file.bin</c>; optionally it requires a client certificate and accepts only the one given.
/// </summary>
internal sealed class TlsPeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsPeer(WebApplication app) => _app = app;

    public byte[] Content { get; } = [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i * 13))];

    public Uri FileUrl { get; private set; } = null!;

    /// <summary>Clients that got through the handshake and reached the file.</summary>
    public int Served { get; private set; }

    public static async Task<TlsPeer> StartAsync(X509Certificate2 certificate, X509Certificate2? requiredClient = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            if (requiredClient is not null)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (client, _, _) => client.Thumbprint == requiredClient.Thumbprint;
            }
        })));
        var app = builder.Build();
        var peer = new TlsPeer(app);
        app.MapGet("/file.bin", async (HttpContext context) =>
        {
            peer.Served++;
            context.Response.ContentLength = peer.Content.Length;
            await context.Response.Body.WriteAsync(peer.Content);
        });
        await app.StartAsync();
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        peer.FileUrl = new Uri(new Uri(listening), "/file.bin");
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
