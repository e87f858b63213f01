using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Tests.State;

/// <summary>
/// Stored rows as damage, hand edits and earlier versions leave them, in the real SQLite database of a running silo:
/// an unreadable job is shown as damaged and can be cancelled, without stopping the silo or the other jobs; a webhook
/// secret never reaches the database in plain text, and one an earlier version stored so is encrypted on load.
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

    [Fact]
    public async Task WebhookSecret_IsStoredOnlyEncrypted_AndPlaintextFromAnEarlierVersionIsEncryptedOnLoad()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var rows = new StoredRows(fixture.DataDirectory);
        var name = $"secret keeper {Guid.NewGuid():N}";
        var job = await fixture.NewJobAsync(name);
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(AddFile(1000)).ToString(), fixture.NewDestination())]);
        var secret = $"first-secret-{Guid.NewGuid():N}";
        var info = await job.SetNotificationsAsync(new NotificationSettings(WebhookUrl: receiver.UrlFor("hook"), WebhookSecret: secret));

        Assert.Equal("***", info.Notifications!.WebhookSecret);
        var stored = await rows.ReadJobAsync(name);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Contains("ProtectedWebhookSecret", stored, StringComparison.Ordinal);

        // A row as an earlier version wrote it: the secret in plain text in the settings, no ciphertext. The job is
        // deactivated first, so its next call reads the row.
        var legacy = $"legacy-secret-{Guid.NewGuid():N}";
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await rows.ReplaceJobAsync(name, row =>
        {
            row.Remove("ProtectedWebhookSecret");
            row["Notifications"]!["WebhookSecret"] = legacy;
            return row.ToJsonString();
        });
        Assert.Contains(legacy, await rows.ReadJobAsync(name), StringComparison.Ordinal);

        Assert.Equal("***", (await job.GetInfoAsync()).Notifications!.WebhookSecret);
        Assert.DoesNotContain(legacy, await rows.ReadJobAsync(name), StringComparison.Ordinal);
        Assert.DoesNotContain(legacy, await rows.ReadFilesAsync(), StringComparison.Ordinal);

        // Deliveries are still signed with it.
        await job.ResumeAsync();
        await JobWaits.StateAsync(job, JobState.Transferred);
        var request = await receiver.NextRequestAsync();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(legacy), request.Body));
        Assert.Equal(expected, request.Header("X-Xfer-Signature"));
        await job.CompleteAsync();
    }

    private string AddFile(long length)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, length, seed: 3);
        return name;
    }
}
