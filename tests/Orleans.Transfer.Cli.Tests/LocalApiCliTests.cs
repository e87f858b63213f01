using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Cli.Service;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// xfer through its own connection to a local API (Kestrel on a temp socket, found through <c>XFER_SOCKET</c>): finding
/// the service, not starting it when told not to, and <c>service stop</c>.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class LocalApiCliTests : IDisposable
{
    private static readonly Guid s_id = FakeTransferClient.JobId;
    private static readonly string[] s_variables =
        [LocalApiAddress.SocketVariable, XferPaths.HomeVariable, XferPaths.NoAutostartVariable, XferPaths.SiloPathVariable];

    private readonly Dictionary<string, string?> _saved = s_variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("xfer-cli-home-");

    public LocalApiCliTests()
    {
        // Never the developer's own service or pid file.
        Environment.SetEnvironmentVariable(XferPaths.HomeVariable, _home.FullName);
        Environment.SetEnvironmentVariable(LocalApiAddress.SocketVariable, null);
        Environment.SetEnvironmentVariable(XferPaths.NoAutostartVariable, null);
        Environment.SetEnvironmentVariable(XferPaths.SiloPathVariable, null);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _home.Delete(recursive: true);
    }

    [Fact]
    public async Task Whoami_AndWatch_GoThroughTheSocket()
    {
        await using var server = await LocalApiTestServer.StartAsync(app =>
        {
            app.MapGet(LocalApiRoutes.Caller, () => LocalApiTestServer.Json(new CallerInfo("unix:0", "root", IsAdministrator: true)));
            app.MapGet(LocalApiRoutes.Job(s_id), () => LocalApiTestServer.Json(FakeTransferClient.Sample(JobState.Transferred)));
            app.MapGet(LocalApiRoutes.Events(s_id), (HttpContext http) => LocalApiTestServer.WriteEventsAsync(
                http,
                LocalApiTestServer.Event(new JobEvent(s_id, JobEventKind.JobModification, JobState.Transferring, 1, 2, 0, 1, null, null, default)),
                LocalApiTestServer.Event(new JobEvent(s_id, JobEventKind.JobTransferred, JobState.Transferred, 2, 2, 1, 1, null, null, default))));
        });
        Environment.SetEnvironmentVariable(LocalApiAddress.SocketVariable, server.SocketPath);
        using var connection = new ServiceConnection(TextWriter.Null, TimeProvider.System);

        var whoami = await XferAsync(connection, "whoami");
        var watch = await XferAsync(connection, "job", "watch", s_id.ToString(), "-q");

        Assert.True(whoami.ExitCode == ExitCodes.Success, whoami.ToString());
        Assert.Contains("unix:0", whoami.Out, StringComparison.Ordinal);
        Assert.Contains("Administrator  yes", whoami.Out, StringComparison.Ordinal);
        Assert.True(watch.ExitCode == ExitCodes.Success, watch.ToString());
        Assert.Contains("transferred; run 'xfer job complete", watch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotRunning_WithAutostartOff_ExitsFour_NamingTheSocket()
    {
        var socket = Path.Combine(_home.FullName, "xfer.sock");
        Environment.SetEnvironmentVariable(XferPaths.NoAutostartVariable, "1");
        using var connection = new ServiceConnection(TextWriter.Null, TimeProvider.System);

        var run = await XferAsync(connection, "job", "list");

        Assert.Equal(ExitCodes.ServiceUnavailable, run.ExitCode);
        Assert.Contains($"not running at {socket} ({XferPaths.NoAutostartVariable}=1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotRunning_WithoutTheSiloExecutable_ExitsFour_NamingTheVariable()
    {
        Environment.SetEnvironmentVariable(XferPaths.SiloPathVariable, Path.Combine(_home.FullName, "no-such-silo"));
        using var connection = new ServiceConnection(TextWriter.Null, TimeProvider.System);

        var run = await XferAsync(connection, "whoami");

        Assert.Equal(ExitCodes.ServiceUnavailable, run.ExitCode);
        Assert.Contains("executable was not found", run.Error, StringComparison.Ordinal);
        Assert.Contains(XferPaths.SiloPathVariable, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelativeSocketVariable_ExitsFour_NamingIt()
    {
        Environment.SetEnvironmentVariable(LocalApiAddress.SocketVariable, "relative/xfer.sock");
        using var connection = new ServiceConnection(TextWriter.Null, TimeProvider.System);

        var run = await XferAsync(connection, "whoami");

        Assert.Equal(ExitCodes.ServiceUnavailable, run.ExitCode);
        Assert.Contains($"set {LocalApiAddress.SocketVariable} to an absolute path", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceStop_NotRunning_SaysSo_WithoutStartingIt()
    {
        using var connection = new ServiceConnection(TextWriter.Null, TimeProvider.System);

        var run = await XferAsync(connection, "service", "stop");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("not running", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceStop_AsksTheService()
    {
        var asked = false;
        await using var server = await StopServerAsync(() =>
        {
            asked = true;
            return Results.Accepted();
        });
        using var connection = new ServiceConnection(TextWriter.Null, TimeProvider.System);

        var run = await XferAsync(connection, "service", "stop");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.True(asked);
        Assert.Contains("The transfer service is stopping.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceStop_NotAnAdministrator_ExitsThree_Saying_Who_May()
    {
        await using var server = await StopServerAsync(() => LocalApiTestServer.Json(
            new ApiError(TransferErrorCode.AccessDenied, "Stopping the service is for administrators.", null),
            StatusCodes.Status403Forbidden));
        using var connection = new ServiceConnection(TextWriter.Null, TimeProvider.System);

        var run = await XferAsync(connection, "service", "stop");

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("error AccessDenied: only an administrator may stop the transfer service", run.Error, StringComparison.Ordinal);
        Assert.Contains("Stopping the service is for administrators.", run.Error, StringComparison.Ordinal);
    }

    private static async Task<LocalApiTestServer> StopServerAsync(Func<IResult> stop)
    {
        var server = await LocalApiTestServer.StartAsync(app =>
        {
            app.MapGet(LocalApiRoutes.Caller, () => LocalApiTestServer.Json(new CallerInfo("unix:1001", "alice", IsAdministrator: false)));
            app.MapPost(LocalApiRoutes.ServiceStop, stop);
        });
        Environment.SetEnvironmentVariable(LocalApiAddress.SocketVariable, server.SocketPath);
        return server;
    }

    private static async Task<CliRun> XferAsync(ServiceConnection connection, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, ErrorIsTerminal: false, connection.ConnectAsync)
        {
            ConnectIfRunningAsync = connection.ConnectIfRunningAsync,
        };
        var exitCode = await XferCli.RunAsync(args, context, CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
