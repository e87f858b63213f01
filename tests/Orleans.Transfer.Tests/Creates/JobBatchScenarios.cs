using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;
using Orleans.Transfer.Http;
using Orleans.Transfer.Tests.Quotas;

namespace Orleans.Transfer.Tests.Creates;

/// <summary>
/// The batch create (<see cref="IJobBatchGrain"/>) against a real store, run on each store by
/// <see cref="JobBatchSqliteTests"/> and <see cref="JobBatchPostgresTests"/>: jobs as a single create makes them, all
/// or none, named errors, exact quotas, and jobs created to run that do.
/// </summary>
public abstract class JobBatchScenarios(JobBatchSiloFixture fixture)
{
    private readonly string _owner = $"unix:{Random.Shared.Next(100_000, 1_000_000)}";

    private IJobBatchGrain Batch => fixture.Grains.GetGrain<IJobBatchGrain>(0);

    protected async Task CreatesEveryJob_AsASingleCreateWouldAsync()
    {
        var url = GoodUrl();
        var rich = Request("rich", new FileSpec(url, fixture.NewDestination()), new FileSpec(url, fixture.NewDestination())) with
        {
            Description = "every member set",
            Priority = JobPriority.High,
            MinimumRetryDelay = TimeSpan.FromMinutes(2),
            NoProgressTimeout = TimeSpan.FromHours(3),
            MaxBytesPerSecond = 4096,
            Http = new HttpOptionsUpdate(CustomHeaders: ["X-Test: 1"], MaxDownloadBytes: 1_000_000),
            Credentials = [new JobCredential(AuthTarget.Server, AuthScheme.Basic, "user", "secret")],
            CostPolicy = NetworkCostStates.Unrestricted,
            CompleteWhenTransferred = true,
        };
        var requests = new[] { Request("empty"), rich, Request("one file", new FileSpec(url, fixture.NewDestination())) };
        var ids = requests.Select(_ => Guid.NewGuid()).ToList();

        var created = await Batch.CreateAsync([.. requests.Select((r, i) => new NewJob(ids[i], r))]);

        // The same requests created one by one, under another owner (claims are per owner, so the paths are free).
        var other = _owner + "-single";
        for (var i = 0; i < requests.Length; i++)
        {
            var single = await NewJobs.CreateAsync(fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid()), requests[i] with { Owner = other });
            var job = fixture.Grains.GetGrain<ITransferJobGrain>(ids[i]);
            var read = await job.GetInfoAsync();
            Assert.Equal((ids[i], _owner), (created[i].Id, created[i].Owner));
            Assert.Equal(Comparable(single), Comparable(created[i]));
            Assert.Equal(Comparable(created[i]), Comparable(read));
            Assert.Equal(created[i].Times, read.Times);
        }

        var listed = await fixture.Grains.GetGrain<IJobCatalogGrain>(0).ListAsync(new JobListQuery(_owner, IncludeFinal: false));
        Assert.Equal(ids.Order(), listed.Select(j => j.Id).Order());
        Assert.Equal(3, await OwnerCountAsync(_owner));
    }

    protected async Task BadJobInTheMiddle_CreatesNothing_AndIsNamedAsync()
    {
        var url = GoodUrl();
        var first = Request("first", new FileSpec(url, fixture.NewDestination()));
        var bad = Request("bad", new FileSpec(url, fixture.NewDestination()), new FileSpec(url, "relative/f.bin"));
        var last = Request("last", new FileSpec(url, fixture.NewDestination()));
        var jobs = new[] { first, bad, last }.Select(r => new NewJob(Guid.NewGuid(), r)).ToList();

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Batch.CreateAsync(jobs));
        var single = await Assert.ThrowsAsync<TransferJobException>(
            () => NewJobs.CreateAsync(fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid()), bad));

        Assert.Equal((single.Code, $"jobs[1].{single.Field}", $"jobs[1]: {single.Message}"), (error.Code, error.Field, error.Message));
        Assert.Equal("jobs[1].files[1].localPath", error.Field);
        await AssertNothingCreatedAsync(jobs);

        // The good jobs' destinations were never claimed: they can be created as they are.
        Assert.Equal(2, (await Batch.CreateAsync([jobs[0] with { Id = Guid.NewGuid() }, jobs[2] with { Id = Guid.NewGuid() }])).Count);
    }

    protected async Task DestinationClashes_InsideTheBatchAndWithAnExistingJob_AreNamedAsync()
    {
        var url = GoodUrl();
        var (taken, twice) = (fixture.NewDestination(), fixture.NewDestination());
        await NewJobs.CreateAsync(fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid()), Request("holder", new FileSpec(url, taken)));

        var inside = new[] { Request("a", new FileSpec(url, twice)), Request("b", new FileSpec(url, fixture.NewDestination()), new FileSpec(url, twice)) }
            .Select(r => new NewJob(Guid.NewGuid(), r)).ToList();
        var insideError = await Assert.ThrowsAsync<TransferJobException>(() => Batch.CreateAsync(inside));
        Assert.Equal((TransferErrorCode.DestinationInUse, "jobs[1].files[1].localPath"), (insideError.Code, insideError.Field));
        Assert.Contains("jobs[0]", insideError.Message, StringComparison.Ordinal);
        await AssertNothingCreatedAsync(inside);

        var existing = new[] { Request("c", new FileSpec(url, fixture.NewDestination())), Request("d", new FileSpec(url, fixture.NewDestination()), new FileSpec(url, taken)) }
            .Select(r => new NewJob(Guid.NewGuid(), r)).ToList();
        var existingError = await Assert.ThrowsAsync<TransferJobException>(() => Batch.CreateAsync(existing));
        Assert.Equal((TransferErrorCode.DestinationInUse, "jobs[1].files[1].localPath"), (existingError.Code, existingError.Field));
        Assert.StartsWith("jobs[1]: files[1].localPath", existingError.Message, StringComparison.Ordinal);
        await AssertNothingCreatedAsync(existing);
        Assert.Equal(1, await OwnerCountAsync(_owner));
    }

    protected async Task ConcurrentBatchesAndSingleCreates_KeepTheOwnerLimitExactAsync()
    {
        var batches = Enumerable.Range(0, 4).Select(b => Enumerable.Range(0, 3).Select(i => new NewJob(Guid.NewGuid(), Request($"batch {b}.{i}"))).ToList()).ToList();
        var singles = Enumerable.Range(0, 6).Select(i => Request($"single {i}")).ToList();

        var batchCalls = batches.Select(b => Outcome(Batch.CreateAsync(b))).ToList();
        var singleCalls = singles.Select(r => Outcome(NewJobs.CreateAsync(fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid()), r))).ToList();
        var batchErrors = await Task.WhenAll(batchCalls);
        var singleErrors = await Task.WhenAll(singleCalls);

        var created = (3 * batchErrors.Count(e => e is null)) + singleErrors.Count(e => e is null);
        Assert.Equal(created, await OwnerCountAsync(_owner));
        Assert.InRange(created, JobBatchSiloFixture.MaxJobsPerOwner - 2, JobBatchSiloFixture.MaxJobsPerOwner);
        if (singleErrors.Any(e => e is not null))
        {
            // A single create is refused only by a full quota, and nothing here frees a place.
            Assert.Equal(JobBatchSiloFixture.MaxJobsPerOwner, created);
        }

        Assert.All(batchErrors.OfType<TransferJobException>(), e =>
            Assert.Equal((TransferErrorCode.TooManyJobsPerOwner, "jobs[0].owner"), (e.Code, e.Field)));
        Assert.All(singleErrors.OfType<TransferJobException>(), e => Assert.Equal(TransferErrorCode.TooManyJobsPerOwner, e.Code));
        foreach (var (batch, error) in batches.Zip(batchErrors))
        {
            foreach (var job in batch)
            {
                Assert.Equal(error is null, await ExistsAsync(job.Id));
            }
        }

        await AssertCountersMatchRowsAsync();
    }

    protected async Task JobsCreatedToRun_TransferToCompletionAsync()
    {
        var names = Enumerable.Range(0, 3).Select(i => (Name: $"{Guid.NewGuid():N}.bin", Length: 20_000L + i)).ToList();
        foreach (var (name, length) in names)
        {
            fixture.Origin.AddGenerated(name, length, seed: 16);
        }

        var destinations = names.Select(_ => fixture.NewDestination()).ToList();
        var jobs = names.Select((n, i) => new NewJob(
            Guid.NewGuid(),
            Request(n.Name, new FileSpec(fixture.Origin.UrlFor(n.Name).ToString(), destinations[i])) with { Resume = true, CompleteWhenTransferred = true })).ToList();

        var created = await Batch.CreateAsync(jobs);

        Assert.All(created, c => Assert.Equal(JobState.Queued, c.State));
        for (var i = 0; i < jobs.Count; i++)
        {
            await JobWaits.StateAsync(fixture.Grains.GetGrain<ITransferJobGrain>(jobs[i].Id), JobState.Acknowledged);
            Assert.Equal(names[i].Length, new FileInfo(destinations[i]).Length);
        }
    }

    protected async Task OversizedBatch_IsRefusedWholeAsync()
    {
        var jobs = Enumerable.Range(0, JobBatchSiloFixture.MaxJobsPerCreateCall + 1).Select(i => new NewJob(Guid.NewGuid(), Request($"job {i}"))).ToList();

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Batch.CreateAsync(jobs));

        Assert.Equal((TransferErrorCode.InvalidArgument, "jobs"), (error.Code, error.Field));
        Assert.Contains("Transfer:Jobs:MaxJobsPerCreateCall", error.Message, StringComparison.Ordinal);
        await AssertNothingCreatedAsync(jobs);
    }

    protected async Task ExistingIdAndRepeatedId_AreRefusedAsync()
    {
        var existing = Guid.NewGuid();
        await NewJobs.CreateAsync(fixture.Grains.GetGrain<ITransferJobGrain>(existing), Request("existing"));
        var jobs = new[] { new NewJob(Guid.NewGuid(), Request("new")), new NewJob(existing, Request("again")) };

        var error = await Assert.ThrowsAsync<TransferJobException>(() => Batch.CreateAsync(jobs));
        var repeated = await Assert.ThrowsAsync<TransferJobException>(() => Batch.CreateAsync([jobs[0], jobs[0]]));

        Assert.Equal((TransferErrorCode.AlreadyExists, "jobs[1].id"), (error.Code, error.Field));
        Assert.Equal((TransferErrorCode.InvalidArgument, "jobs[1].id"), (repeated.Code, repeated.Field));
        Assert.Equal("existing", (await fixture.Grains.GetGrain<ITransferJobGrain>(existing).GetInfoAsync()).DisplayName);
        Assert.False(await ExistsAsync(jobs[0].Id));
        Assert.Equal(1, await OwnerCountAsync(_owner));
    }

    protected async Task GatewayClient_CreatesInOrder_AsItsOwnerAsync()
    {
        var client = new TransferClient(fixture.Grains, Options.Create(new TransferClientOptions { Owner = _owner }));
        var requests = Enumerable.Range(0, 4).Select(i => Request($"client {i}") with { Owner = "" }).ToList();

        var created = await client.CreateJobsAsync(requests);

        Assert.Equal(requests.Select(r => r.DisplayName), created.Select(c => c.DisplayName));
        Assert.All(created, c => Assert.Equal(_owner, c.Owner));
        Assert.Equal(4, await OwnerCountAsync(_owner));
    }

    /// <summary>The info without what differs between two creates of one request: id, owner, times and silo.</summary>
    private static string Comparable(JobInfo info) =>
        JsonSerializer.Serialize(info with { Id = Guid.Empty, Owner = "", Times = new JobTimes(default, default, null), Silo = "" });

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (TransferJobException e)
        {
            return e;
        }
    }

    private CreateJobRequest Request(string name, params FileSpec[] files) =>
        new(name, null, JobType.Download, JobPriority.Normal, _owner, files.Length == 0 ? null : files);

    private string GoodUrl()
    {
        var name = $"{Guid.NewGuid():N}.bin";
        fixture.Origin.AddGenerated(name, 5000, seed: 8);
        return fixture.Origin.UrlFor(name).ToString();
    }

    private async Task AssertNothingCreatedAsync(IEnumerable<NewJob> jobs)
    {
        foreach (var job in jobs)
        {
            Assert.False(await ExistsAsync(job.Id));
        }

        await AssertCountersMatchRowsAsync();
    }

    /// <summary>Whether the job has a catalog row, a stored state or a claim.</summary>
    private async Task<bool> ExistsAsync(Guid id)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync(CancellationToken.None);
        var dbId = fixture.Database.ToDbId(id);
        var rows = await connection.ExecuteScalarAsync<long>(
            "SELECT (SELECT COUNT(*) FROM transfer_job WHERE id = @Id) + (SELECT COUNT(*) FROM transfer_destination WHERE job_id = @Id)", new { Id = dbId });
        var info = await Outcome(fixture.Grains.GetGrain<ITransferJobGrain>(id).GetInfoAsync());
        return rows > 0 || info is null;
    }

    private Task<long> OwnerCountAsync(string owner) => StoredCounters.OwnerAsync(fixture.Database, owner);

    private Task AssertCountersMatchRowsAsync() => StoredCounters.AssertMatchRowsAsync(fixture.Database);
}
