using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Orleans.Transfer.Tests.State;

/// <summary>
/// Stored rows as damage and hand edits leave them, in the real SQLite database of a running silo: an unreadable job is
/// shown as damaged and can be cancelled, without stopping the silo or the other jobs.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredStateTests(ClusterFixture fixture)
{
    private static readonly Dictionary<string, Func<JsonObject, string>> s_corruptions = new(StringComparer.Ordinal)
    {
        ["corrupt JSON"] = _ => "{ \"Exists\": true, \"Owner\": ",
        ["unknown state"] = row =>
        {
            row["State"] = 42;
            return row.ToJsonString();
        },
        ["missing owner"] = row =>
        {
            row.Remove("Owner");
            return row.ToJsonString();
        },
    };

    [Fact]
    public async Task UnreadableRows_ShowAsDamaged_AreCancellable_AndNeverStopTheOtherJobs()
    {
        var rows = new StoredRows(fixture.DataDirectory);
        var damaged = new Dictionary<string, (ITransferJobGrain Job, string Name)>(StringComparer.Ordinal);
        foreach (var what in s_corruptions.Keys)
        {
            var name = $"damaged by {what} {Guid.NewGuid():N}";
            var job = await fixture.NewJobAsync(name);
            await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(AddFile(1000)).ToString(), fixture.NewDestination())]);
            damaged[what] = (job, name);
        }

        var big = $"{Guid.NewGuid():N}.bin";
        var file = fixture.Origin.AddGenerated(big, 8L * 1024 * 1024, seed: 7);
        file.ThrottleBytesPerSecond = 2 * 1024 * 1024;
        var healthy = await fixture.NewJobAsync("healthy beside damaged jobs");
        var destination = fixture.NewDestination();
        await healthy.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(big).ToString(), destination)]);
        await healthy.ResumeAsync();
        await JobWaits.UntilAsync(healthy, i => i.Files[0].BytesTransferred > 256 * 1024, "a checkpoint");

        foreach (var (what, (job, name)) in damaged)
        {
            await rows.ReplaceJobAsync(name, s_corruptions[what]);

            // Recorded as active, so the start-up wake-up meets them before the healthy job (oldest first).
            await rows.SetCatalogStateAsync(job.GetPrimaryKey(), JobState.Queued);
        }

        await fixture.RestartSiloAsync();
        file.ThrottleBytesPerSecond = 0;
        await Poll.ReconnectedAsync(healthy);

        foreach (var (job, name) in damaged.Values)
        {
            var info = await job.GetInfoAsync();
            Assert.Equal(JobState.Error, info.State);
            Assert.Equal(TransferErrorCode.JobDamaged, info.Error!.Code);
            Assert.Contains("cannot be read", info.Error.Message, StringComparison.Ordinal);
            Assert.Equal("tester", info.Owner);
            Assert.Equal(name, info.DisplayName);
            var refused = await Assert.ThrowsAsync<TransferJobException>(() => job.ResumeAsync());
            Assert.Equal(TransferErrorCode.JobDamaged, refused.Code);
            Assert.Contains("xfer job cancel", refused.Message, StringComparison.Ordinal);
        }

        var listed = await fixture.Grains.GetGrain<IJobCatalogGrain>(0).ListAsync(new JobListQuery("tester", IncludeFinal: true));
        Assert.All(damaged.Values, d => Assert.Contains(listed, j => j.Id == d.Job.GetPrimaryKey() && j.State == JobState.Error));

        // The owner cancels one: its unreadable row is replaced by a readable, cancelled job that keeps the reason.
        var (corrupt, corruptName) = damaged["corrupt JSON"];
        var cancelled = await corrupt.CancelAsync();
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal(TransferErrorCode.JobDamaged, cancelled.Error!.Code);
        Assert.Equal("tester", JsonNode.Parse(await rows.ReadJobAsync(corruptName))!["Owner"]!.GetValue<string>());

        await JobWaits.StateAsync(healthy, JobState.Transferred);
        await healthy.CompleteAsync();
        Assert.Equal(file.ComputeSha256(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(destination))));
    }

    private string AddFile(long length)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, length, seed: 3);
        return name;
    }
}
