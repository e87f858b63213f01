using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.LocalApi.Identity;

namespace Orleans.Transfer.LocalApi.Hosting;

public static class LocalApiWebHostBuilderExtensions
{
    /// <summary>
    /// Makes Kestrel listen on <paramref name="endpoint"/> and nowhere else: no TCP port, whatever <c>Kestrel:Endpoints</c>
    /// or <c>ASPNETCORE_URLS</c> say (the start fails if Kestrel listens anywhere else). A stale socket file is removed
    /// before binding; once bound, the socket is made connectable by every local user, who is then told apart by SO_PEERCRED.
    /// </summary>
    public static IWebHostBuilder UseTransferLocalApi(this IWebHostBuilder webHost, LocalApiEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        ArgumentNullException.ThrowIfNull(endpoint);
        webHost.ConfigureServices(services =>
        {
            services.AddSingleton(endpoint);
            services.AddHostedService<LocalApiEndpointLifecycle>();
        });
        if (endpoint.PipeName is not null && OperatingSystem.IsWindows())
        {
            webHost.UseNamedPipes(NamedPipeSecurity.Configure);
        }

        return webHost.ConfigureKestrel(kestrel =>
        {
            // Endpoints from configuration would open ports next to ours: Kestrel reads none.
            kestrel.Configure(new ConfigurationBuilder().Build(), reloadOnChange: false);
            kestrel.AddServerHeader = false;
            if (endpoint.SocketPath is { } path)
            {
                kestrel.ListenUnixSocket(path, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listen.UsePeerCredentials();
                });
            }
            else
            {
                kestrel.ListenNamedPipe(endpoint.PipeName!, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
    }
}
