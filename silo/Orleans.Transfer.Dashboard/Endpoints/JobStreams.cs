using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using Orleans.Transfer.Dashboard.Web;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.LocalApi.Access;

namespace Orleans.Transfer.Dashboard.Endpoints;

/// <summary>
/// The live updates, as Server-Sent Events whose <c>data:</c> is one JSON object (compact, so one line): a job's
/// <see cref="JobInfo"/> on each change (event <c>job</c>), or the job list page on each change (event <c>jobs</c>).
/// A job's stream waits on the job (long polls, as the local API's event stream does); the list is read once a
/// second on the server, the browser never polls. Streams end when the browser goes away or the service stops, and
/// check the caller's access on every event (an administrator may take a job over meanwhile).
/// </summary>
internal sealed class JobStreams(IGrainFactory grains, IHostApplicationLifetime lifetime, TimeProvider time)
{
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_longPollWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_listInterval = TimeSpan.FromSeconds(1);

    public ServerSentEventsResult<string> JobStream(HttpContext http, Guid jobId) =>
        TypedResults.ServerSentEvents(JobEventsAsync(http, jobId, http.RequestAborted), eventType: "job");

    public ServerSentEventsResult<string> ListStream(HttpContext http) =>
        TypedResults.ServerSentEvents(ListEventsAsync(http, http.RequestAborted), eventType: "jobs");

    private async IAsyncEnumerable<string> JobEventsAsync(HttpContext http, Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var caller = http.DashboardCaller();
        var job = grains.GetGrain<ITransferJobGrain>(jobId);

        // No job is ever in state -1, so the first wait answers at once with the job as it stands.
        var (state, settled, bytes) = ((JobState)(-1), false, -1L);
        string? last = null;
        while (await WaitAsync(job.WaitForEventAsync(state, settled, bytes, s_progressInterval, s_longPollWait), stop.Token) is { } next)
        {
            (state, settled, bytes) = (next.State, next.IsSettled(), next.BytesTransferred);
            var info = await job.GetInfoAsync().WaitAsync(stop.Token);
            JobAccessPolicy.DemandJob(caller, jobId, info.Owner);
            var json = JsonSerializer.Serialize(JobRedaction.ForCaller(caller, info), TransferJson.Options);
            if (json != last)
            {
                last = json;
                yield return json;
            }
        }
    }

    private async IAsyncEnumerable<string> ListEventsAsync(HttpContext http, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        string? last = null;
        while (!stop.IsCancellationRequested)
        {
            var json = JsonSerializer.Serialize(await JobPages.ReadAsync(http, grains), TransferJson.Options);
            if (json != last)
            {
                last = json;
                yield return json;
            }

            await WaitAsync(DelayAsync(stop.Token), stop.Token);
        }
    }

    private async Task<bool> DelayAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(s_listInterval, time, cancellationToken);
        return true;
    }

    // Null (or false) when the browser went away or the service is stopping: the stream ends quietly.
    private static async Task<T?> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return default;
        }
    }
}
