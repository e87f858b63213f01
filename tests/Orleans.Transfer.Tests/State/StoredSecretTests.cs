using System.Security.Cryptography;
using System.Text;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Tests.State;

/// <summary>
/// A webhook secret never reaches the real SQLite database of a running silo in plain text, and one an earlier version
/// stored so is encrypted when its job next activates. (The fake-clock silo lets webhooks reach the loopback receiver.)
/// </summary>
public sealed class StoredSecretTests(FakeClockClusterFixture fixture) : IClassFixture<FakeClockClusterFixture>
{
    [Fact]
    public async Task WebhookSecret_IsStoredOnlyEncrypted_AndPlaintextFromAnEarlierVersionIsEncryptedOnLoad()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var rows = new StoredRows(fixture.DataDirectory);
        var name = $"secret keeper {Guid.NewGuid():N}";
        var job = await NewJobAsync(name);
        await job.AddFilesAsync([new FileSpec(fixture.Origin.UrlFor(AddFile(1000)).ToString(), NewDestination())]);
        var secret = $"first-secret-{Guid.NewGuid():N}";
        var info = await job.SetNotificationsAsync(new NotificationSettings(WebhookUrl: receiver.UrlFor("hook"), WebhookSecret: secret));

        Assert.Equal("***", info.Notifications!.WebhookSecret);
        var stored = await rows.ReadJobAsync(name);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Contains("ProtectedWebhookSecret", stored, StringComparison.Ordinal);

        // A row as an earlier version wrote it: the secret in plain text in the settings, no ciphertext. The job is
        // deactivated first, so its next call reads the row.
        var legacy = $"legacy-secret-{Guid.NewGuid():N}";
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
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

    private async Task<ITransferJobGrain> NewJobAsync(string name)
    {
        var job = fixture.Cluster.Client.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest(name, null, JobType.Download, JobPriority.Normal, "tester"));
        return job;
    }

    private static string NewDestination() => Path.Combine(Directory.CreateTempSubdirectory("xfer-secret-").FullName, "f.bin");

    private string AddFile(long length)
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, length, seed: 3);
        return name;
    }
}
