using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>
/// A job's events as Server-Sent Events (<see cref="LocalApiRoutes.Events"/>): each <c>data:</c> line is one
/// <see cref="JobEvent"/>. The job is long-polled as the client library's WatchAsync does: the job as it stands first,
/// then each change, state changes at once and progress at most every interval; the stream ends after a settled event
/// (<see cref="JobEvent.Settled"/>: for a job the service completes itself, Acknowledged or its failed completion),
/// when the caller goes away, or when the service stops.
/// </summary>
internal sealed class JobEventStream(IGrainFactory grains, IHostApplicationLifetime lifetime)
{
    public const int DefaultIntervalMs = 500;

    // Faster than this is no more useful to a person watching and costs the job a wake-up each time.
    public const int MinIntervalMs = 50;

    public const int MaxIntervalMs = 60_000;

    // Each long poll returns at the latest after this: well inside Orleans' 30 s response timeout, so a quiet job is
    // never mistaken for a lost call, and a lost service is noticed within half a minute.
    private static readonly TimeSpan s_longPollWait = TimeSpan.FromSeconds(20);

    public async Task RunAsync(HttpContext http, Guid jobId)
    {
        var (job, _) = await JobEndpoints.OpenAsync(http, grains, jobId);
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(RequestQuery.Int32(http, "minIntervalMs", DefaultIntervalMs), MinIntervalMs, MaxIntervalMs));

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            // No job is ever in state -1, so the first poll answers at once with the job as it stands.
            var current = await job.WaitForEventAsync((JobState)(-1), false, -1, interval, s_longPollWait).WaitAsync(stop.Token);
            await WriteAsync(http.Response, current, stop.Token);
            while (!current.IsSettled())
            {
                var next = await job.WaitForEventAsync(current.State, current.IsSettled(), current.BytesTransferred, interval, s_longPollWait).WaitAsync(stop.Token);
                if ((next.State, next.IsSettled()) != (current.State, current.IsSettled())
                    || (next.BytesTransferred, next.BytesTotal, next.FilesTransferred, next.FilesTotal)
                    != (current.BytesTransferred, current.BytesTotal, current.FilesTransferred, current.FilesTotal))
                {
                    await WriteAsync(http.Response, next, stop.Token);
                }

                current = next;
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // The service is stopping: end the stream rather than hold up the shutdown; the client sees it end unsettled.
        }
    }

    private static async Task WriteAsync(HttpResponse response, JobEvent jobEvent, CancellationToken cancellationToken)
    {
        // Compact JSON has no line breaks, so one data line carries the whole event.
        await response.WriteAsync($"data: {JsonSerializer.Serialize(jobEvent, TransferJson.Options)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
