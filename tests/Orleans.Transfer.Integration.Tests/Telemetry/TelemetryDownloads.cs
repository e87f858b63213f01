using Orleans.Transfer.Client;

namespace Orleans.Transfer.Integration.Tests.Telemetry;

/// <summary>Real downloads through a real silo for the telemetry tests: one job per owner, each run to Acknowledged.</summary>
internal static class TelemetryDownloads
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    /// <summary>Downloads <paramref name="url"/> to <paramref name="destination"/> in a job owned by <paramref name="owner"/>; returns the job id.</summary>
    public static async Task<Guid> RunAsync(ITransferClient transfers, SiloProcess silo, string owner, Uri url, string destination)
    {
        var job = await transfers.CreateJobAsync(new CreateJobRequest(
            "telemetry", null, JobType.Download, JobPriority.Normal, owner, [new FileSpec(url.ToString(), destination)], Resume: true));
        await SiloClients.UntilAsync(
            async () => (await transfers.GetAsync(job.Id)).State == JobState.Transferred,
            $"job {job.Id} Transferred",
            s_deadline,
            silo);
        Assert.Equal(JobState.Acknowledged, (await transfers.CompleteAsync(job.Id)).State);
        return job.Id;
    }

    /// <summary>A trusted service's owner name, unique to the test, so the tests can look for it where it must not be.</summary>
    public static string NewOwner(string name) => $"svc-{name}-{Guid.NewGuid():N}";
}
