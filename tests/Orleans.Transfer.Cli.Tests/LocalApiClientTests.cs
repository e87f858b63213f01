using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Tests;

/// <summary><see cref="LocalApiTransferClient"/> against a real HTTP server on a Unix socket: the wire, errors and events.</summary>
public sealed class LocalApiClientTests
{
    private static readonly Guid s_id = FakeTransferClient.JobId;

    [Fact]
    public async Task CreateJob_SendsAnEmptyOwner_AndNoElevation_WhateverTheCallerPuts()
    {
        string? body = null;
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapPost(LocalApiRoutes.Jobs, async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync();
            return LocalApiTestServer.Json(FakeTransferClient.Sample(JobState.Suspended), StatusCodes.Status201Created);
        }));
        using var client = server.Client();

        var job = await client.CreateJobAsync(new CreateJobRequest("nightly", null, JobType.Download, JobPriority.High, "mallory", Elevated: true));

        Assert.Equal(s_id, job.Id);
        using var sent = JsonDocument.Parse(body!);
        Assert.Equal(string.Empty, sent.RootElement.GetProperty("owner").GetString());
        Assert.False(sent.RootElement.GetProperty("elevated").GetBoolean());
        Assert.Equal("nightly", sent.RootElement.GetProperty("displayName").GetString());
        Assert.Equal("High", sent.RootElement.GetProperty("priority").GetString());
    }

    [Theory]
    [InlineData(StatusCodes.Status404NotFound, TransferErrorCode.NotFound, null)]
    [InlineData(StatusCodes.Status400BadRequest, TransferErrorCode.InvalidLocalPath, "files[0].localPath")]
    [InlineData(StatusCodes.Status403Forbidden, TransferErrorCode.AccessDenied, null)]
    public async Task ApiError_BecomesTheServicesException(int status, TransferErrorCode code, string? field)
    {
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapPost(
            LocalApiRoutes.Action(s_id, "resume"),
            () => LocalApiTestServer.Json(new ApiError(code, "refused by the test service", field), status)));
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<TransferJobException>(() => client.ResumeAsync(s_id));

        Assert.Equal(code, error.Code);
        Assert.Equal("refused by the test service", error.Message);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task NonJsonError_IsInternal_WithTheStatus()
    {
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapGet(
            LocalApiRoutes.Job(s_id),
            () => Results.Text("upstream exploded", statusCode: StatusCodes.Status502BadGateway)));
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<TransferJobException>(() => client.GetAsync(s_id));

        Assert.Equal(TransferErrorCode.Internal, error.Code);
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
        Assert.Contains("upstream exploded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_IsInternal_WithTheStatus()
    {
        await using var server = await LocalApiTestServer.StartAsync(_ => { });
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<TransferJobException>(() => client.GetCallerAsync());

        Assert.Equal(TransferErrorCode.Internal, error.Code);
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_ParsesTheEventStream_UntilASettledState()
    {
        string? query = null;
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapGet(LocalApiRoutes.Events(s_id), (HttpContext http) =>
        {
            query = http.Request.QueryString.Value;
            var transferred = LocalApiTestServer.Event(Event(JobEventKind.JobTransferred, JobState.Transferred, 100));
            return LocalApiTestServer.WriteEventsAsync(
                http,
                ": connected\n\n",
                LocalApiTestServer.Event(Event(JobEventKind.JobModification, JobState.Queued, 0)),
                "data:" + JsonSerializer.Serialize(Event(JobEventKind.Progress, JobState.Transferring, 40), TransferJson.Options) + "\r\n\r\n",

                // One event split over two writes, mid-line.
                transferred[..10],
                transferred[10..]);
        }));
        using var client = server.Client(TimeSpan.FromMilliseconds(250));

        var events = await client.WatchAsync(s_id).ToListAsync();

        Assert.Equal("?minIntervalMs=250", query);
        Assert.Equal([JobState.Queued, JobState.Transferring, JobState.Transferred], events.Select(e => e.State));
        Assert.Equal([0L, 40L, 100L], events.Select(e => e.BytesTransferred));
        Assert.Equal(JobEventKind.JobTransferred, events[^1].Kind);
    }

    [Fact]
    public async Task Watch_GoesOnPastAnUnsettledTransferred_ToTheJobsSettledEvent()
    {
        // A job the service completes itself: Transferred while its moves run, then Acknowledged.
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapGet(LocalApiRoutes.Events(s_id), (HttpContext http) =>
            LocalApiTestServer.WriteEventsAsync(
                http,
                LocalApiTestServer.Event(Event(JobEventKind.JobTransferred, JobState.Transferred, 100) with { Settled = false }),
                LocalApiTestServer.Event(Event(JobEventKind.JobModification, JobState.Acknowledged, 100) with { Settled = true }))));
        using var client = server.Client();

        var events = await client.WatchAsync(s_id).ToListAsync();
        var settled = await ((ITransferClient)client).WaitUntilSettledAsync(s_id);

        Assert.Equal([JobState.Transferred, JobState.Acknowledged], events.Select(e => e.State));
        Assert.Equal(JobState.Acknowledged, settled.State);
    }

    [Fact]
    public async Task Watch_EventsWithoutSettled_FromAnOlderService_EndByTheStateRule()
    {
        // An older service's JSON has no "settled" member: it reads null, and Transferred ends the watch as before.
        var transferring = JsonSerializer.Serialize(Event(JobEventKind.JobModification, JobState.Transferring, 40), TransferJson.Options);
        var transferred = JsonSerializer.Serialize(Event(JobEventKind.JobTransferred, JobState.Transferred, 100), TransferJson.Options);
        Assert.Contains(",\"settled\":null", transferred, StringComparison.Ordinal);
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapGet(LocalApiRoutes.Events(s_id), (HttpContext http) =>
            LocalApiTestServer.WriteEventsAsync(
                http,
                $"data: {transferring.Replace(",\"settled\":null", "", StringComparison.Ordinal)}\n\n",
                $"data: {transferred.Replace(",\"settled\":null", "", StringComparison.Ordinal)}\n\n")));
        using var client = server.Client();

        var events = await client.WatchAsync(s_id).ToListAsync();

        Assert.Equal([JobState.Transferring, JobState.Transferred], events.Select(e => e.State));
        Assert.All(events, e => Assert.Null(e.Settled));
        Assert.Equal([false, true], events.Select(e => e.IsSettled()));
    }

    [Fact]
    public async Task Watch_StreamEndingBeforeASettledState_Fails()
    {
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapGet(
            LocalApiRoutes.Events(s_id),
            (HttpContext http) => LocalApiTestServer.WriteEventsAsync(http, LocalApiTestServer.Event(Event(JobEventKind.JobModification, JobState.Transferring, 5)))));
        using var client = server.Client();

        var seen = new List<JobEvent>();
        var error = await Assert.ThrowsAsync<HttpIOException>(async () =>
        {
            await foreach (var jobEvent in client.WatchAsync(s_id))
            {
                seen.Add(jobEvent);
            }
        });

        Assert.Single(seen);
        Assert.Contains("before the job settled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_PassesOnTheJobsEvents_NotTheFirstNorProgress()
    {
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapGet(
            LocalApiRoutes.Events(s_id),
            (HttpContext http) => LocalApiTestServer.WriteEventsAsync(
                http,
                LocalApiTestServer.Event(Event(JobEventKind.JobModification, JobState.Queued, 0)),
                LocalApiTestServer.Event(Event(JobEventKind.Progress, JobState.Transferring, 10)),
                LocalApiTestServer.Event(Event(JobEventKind.FileTransferred, JobState.Transferring, 50) with { FileIndex = 0 }),
                LocalApiTestServer.Event(Event(JobEventKind.JobTransferred, JobState.Transferred, 100)))));
        using var client = server.Client();
        var observer = new RecordingObserver();

        await using (await client.ObserveAsync(s_id, observer))
        {
            Assert.Equal(JobEventKind.JobTransferred, await observer.Settled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal([JobEventKind.FileTransferred, JobEventKind.JobTransferred], observer.Events);
    }

    [Fact]
    public async Task Observe_UnknownJob_FailsAtOnce()
    {
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapGet(
            LocalApiRoutes.Events(s_id),
            () => LocalApiTestServer.Json(new ApiError(TransferErrorCode.NotFound, "no such job", null), StatusCodes.Status404NotFound)));
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<TransferJobException>(() => client.ObserveAsync(s_id, new RecordingObserver()));

        Assert.Equal(TransferErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task ListAsync_WalksEveryPage_WithTheQuerysFilters()
    {
        var queries = new List<JobListQuery>();
        var summary = new JobSummary(s_id, "nightly", JobState.Queued, JobPriority.Normal, "unix:1001", new JobProgress(null, 0, 0, 0), default, default);
        await using var server = await LocalApiTestServer.StartAsync(app => app.MapPost(LocalApiRoutes.JobList, async (HttpRequest request) =>
        {
            var query = (await JsonSerializer.DeserializeAsync<JobListQuery>(request.Body, TransferJson.Options))!;
            queries.Add(query);
            return LocalApiTestServer.Json(new JobListPage([summary], query.ContinuationToken is null ? "page-2" : null));
        }));
        using var client = server.Client();

        var jobs = await client.ListAsync(new JobListQuery(null, IncludeFinal: true, NamePrefix: "night", AllOwners: true));

        Assert.Equal(2, jobs.Count);
        Assert.Equal([null, "page-2"], queries.Select(q => q.ContinuationToken));
        Assert.All(queries, q => Assert.Equal(("night", true, JobLimits.MaxListPageSize), (q.NamePrefix, q.AllOwners, q.PageSize)));
    }

    [Fact]
    public async Task CallerResetAndTakeOwnership_UseTheirRoutes()
    {
        bool? allOwners = null;
        await using var server = await LocalApiTestServer.StartAsync(app =>
        {
            app.MapGet(LocalApiRoutes.Caller, () => LocalApiTestServer.Json(new CallerInfo("unix:0", "root", IsAdministrator: true)));
            app.MapPost(LocalApiRoutes.Reset, async (HttpRequest request) =>
            {
                allOwners = (await JsonSerializer.DeserializeAsync<ResetRequest>(request.Body, TransferJson.Options))!.AllOwners;
                return LocalApiTestServer.Json(new ResetResult(3, 1));
            });
            app.MapPost(
                LocalApiRoutes.Action(s_id, "take-ownership"),
                () => LocalApiTestServer.Json(FakeTransferClient.Sample(JobState.Suspended) with { Owner = "unix:0" }));
        });
        using var client = server.Client();

        Assert.Equal(new CallerInfo("unix:0", "root", true), await client.GetCallerAsync());
        Assert.Equal(new ResetResult(3, 1), await client.ResetAsync(allOwners: true));
        Assert.True(allOwners);
        Assert.Equal("unix:0", (await client.TakeOwnershipAsync(s_id)).Owner);
    }

    [Fact]
    public async Task MissingSocket_IsServiceUnavailable()
    {
        var directory = Directory.CreateTempSubdirectory("xfer-nosock-");
        try
        {
            var path = Path.Combine(directory.FullName, "xfer.sock");
            using var client = new LocalApiTransferClient(
                Options.Create(new LocalApiClientOptions { SocketPath = path }),
                TimeProvider.System);

            var error = await Assert.ThrowsAsync<TransferServiceUnavailableException>(() => client.GetCallerAsync());

            Assert.Equal(path, error.Address);
            Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StaleSocketFile_IsServiceUnavailable()
    {
        var directory = Directory.CreateTempSubdirectory("xfer-stale-");
        try
        {
            // A socket file nobody listens on, as a crashed service leaves it (a closed .NET socket removes its file,
            // so this one stays bound, never listening).
            var path = Path.Combine(directory.FullName, "xfer.sock");
            using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            bound.Bind(new UnixDomainSocketEndPoint(path));
            using var client = new LocalApiTransferClient(
                Options.Create(new LocalApiClientOptions { SocketPath = path }),
                TimeProvider.System);

            var error = await Assert.ThrowsAsync<TransferServiceUnavailableException>(() => client.GetCallerAsync());

            Assert.Contains("refuses connections", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AddTransferLocalClient_RegistersTheClient_WithItsOptions()
    {
        await using var server = await LocalApiTestServer.StartAsync(app =>
            app.MapGet(LocalApiRoutes.Caller, () => LocalApiTestServer.Json(new CallerInfo("unix:0", "root", IsAdministrator: true))));
        await using var services = new ServiceCollection().AddTransferLocalClient(o => o.SocketPath = server.SocketPath).BuildServiceProvider();

        var client = services.GetRequiredService<ITransferClient>();

        Assert.Same(services.GetRequiredService<LocalApiTransferClient>(), client);
        Assert.Equal(server.SocketPath, ((LocalApiTransferClient)client).Address);
        Assert.Equal("root", (await client.GetCallerAsync()).Name);
    }

    [Theory]
    [InlineData(0, "/tmp/xfer.sock", "WatchInterval")]
    [InlineData(500, "relative/xfer.sock", "SocketPath")]
    public void AddTransferLocalClient_BadOptions_AreRefused_NamingTheSetting(int watchMilliseconds, string socketPath, string setting)
    {
        using var services = new ServiceCollection()
            .AddTransferLocalClient(o => (o.WatchInterval, o.SocketPath) = (TimeSpan.FromMilliseconds(watchMilliseconds), socketPath))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ITransferClient>());

        Assert.Contains($"LocalApiClientOptions.{setting}", error.Message, StringComparison.Ordinal);
    }

    private static JobEvent Event(JobEventKind kind, JobState state, long bytes) =>
        new(s_id, kind, state, bytes, 100, bytes == 100 ? 1 : 0, 1, null, null, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
}
