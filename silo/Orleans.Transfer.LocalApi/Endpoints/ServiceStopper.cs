using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>Stops the service gracefully once the caller has its answer.</summary>
internal sealed partial class ServiceStopper(IHostApplicationLifetime lifetime, ILogger<ServiceStopper> logger)
{
    public void StopAfterResponse(HttpContext http, CallerInfo caller)
    {
        LogStopRequested(logger, caller.Name, caller.Owner);
        http.Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
    }
}
