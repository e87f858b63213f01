using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>Registers the HTTP transport.</summary>
public static class HttpTransportServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>http</c> transport (schemes http and https) with one shared connection pool configured from
    /// <see cref="TransferWorkerOptions"/>. <see cref="TransferWorkerServiceCollectionExtensions.AddTransferWorker"/>
    /// calls it; calling it again changes nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static IServiceCollection AddHttpTransport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ITransport) && d.ImplementationType == typeof(HttpTransport)))
        {
            return services;
        }

        services.AddSingleton<ITransport, HttpTransport>();

        // One long-lived handler: connection pooling across files, with PooledConnectionLifetime handling DNS.
        // The factory's request loggers are removed because they would log URLs, which may carry credentials.
        services.AddHttpClient(HttpTransport.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<IOptions<TransferWorkerOptions>>().Value))
            .ConfigureHttpClient((sp, client) =>
            {
                // Stalls are detected per read (StallTimeout); a whole-request timeout would cut large files.
                client.Timeout = Timeout.InfiniteTimeSpan;
                var userAgent = sp.GetRequiredService<IOptions<TransferWorkerOptions>>().Value.UserAgent;
                client.DefaultRequestHeaders.UserAgent.Clear();
                client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
                client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        return services;
    }

    private static SocketsHttpHandler CreateHandler(TransferWorkerOptions options) => new()
    {
        // Byte offsets only mean something on the identity encoding.
        AutomaticDecompression = DecompressionMethods.None,
        // HttpSource follows redirects itself, under the job's redirect policy.
        AllowAutoRedirect = false,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        UseCookies = false,
    };
}
