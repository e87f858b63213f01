using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Orleans.Transfer.Integration.Tests.Security;

/// <summary>
/// The system service as users meet it: the real silo running as root with its socket in a directory everyone can
/// reach, an origin to download from, and xfer (a copy every user can read) run as each real user.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class MultiUserService : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _cli;

    private MultiUserService(string root, string cli, SiloProcess silo, TestOrigin.TestOrigin origin, string socketPath)
    {
        _root = root;
        _cli = cli;
        Silo = silo;
        Origin = origin;
        SocketPath = socketPath;
    }

    public SiloProcess Silo { get; }

    public TestOrigin.TestOrigin Origin { get; }

    public string SocketPath { get; }

    /// <summary>The root of everything the test made; world-traversable so every user reaches their own part.</summary>
    public string Root => _root;

    /// <summary>A copy of the silo every user can run.</summary>
    public string SiloAssembly => Path.Combine(_root, "silo", "Orleans.Transfer.Silo.dll");

    /// <summary>A directory every user may create files in (sticky, like /tmp).</summary>
    public string SharedDirectory => Path.Combine(_root, "shared");

    /// <param name="siloEnvironment">Extra environment of the silo, beside its socket and administrators' group.</param>
    public static async Task<MultiUserService> StartAsync(IReadOnlyDictionary<string, string>? siloEnvironment = null)
    {
        await LocalUsers.EnsureAsync();
        var root = Directory.CreateTempSubdirectory("xfer-users-").FullName;
        File.SetUnixFileMode(root, Traversable);
        var cli = CopyBuild(root, "client/Orleans.Transfer.Cli", "xfer.dll", "cli");
        CopyBuild(root, "silo/Orleans.Transfer.Silo", "Orleans.Transfer.Silo.dll", "silo");
        var run = Directory.CreateDirectory(Path.Combine(root, "run")).FullName;
        File.SetUnixFileMode(run, Traversable);
        foreach (var user in new[] { LocalUsers.Alice, LocalUsers.Bob, LocalUsers.Carol })
        {
            var own = Directory.CreateDirectory(Path.Combine(root, user)).FullName;
            await UserCommand.CaptureAsync("chown", $"{user}:{user}", own);
        }

        var shared = Directory.CreateDirectory(Path.Combine(root, "shared")).FullName;
        File.SetUnixFileMode(shared, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit);

        var origin = await TestOrigin.TestOrigin.StartAsync();
        origin.AddGenerated("small.bin", 256 * 1024, seed: 9);
        var socketPath = Path.Combine(run, "xfer.sock");
        var environment = new Dictionary<string, string>(siloEnvironment ?? new Dictionary<string, string>())
        {
            ["XFER_SOCKET"] = socketPath,
            ["Transfer__Security__AdminGroup"] = LocalUsers.AdminGroup,
        };
        var silo = new SiloProcess(Directory.CreateDirectory(Path.Combine(root, "home")).FullName, environment);
        await silo.StartAsync();
        return new MultiUserService(root, cli, silo, origin, socketPath);
    }

    /// <summary>A directory <paramref name="user"/> owns, for their downloads.</summary>
    public string DirectoryOf(string user) => Path.Combine(_root, user);

    /// <summary>The xfer command line, from the copy every user can run.</summary>
    public string[] XferCommand(params string[] arguments) => ["dotnet", Path.Combine(_cli, "xfer.dll"), .. arguments];

    /// <summary>Runs xfer as <paramref name="user"/> against the service (or the socket given).</summary>
    public Task<CommandResult> XferAsync(string user, string[] arguments, string? socketPath = null, IReadOnlyList<string>? prefix = null) =>
        UserCommand.RunAsync(
            user,
            new Dictionary<string, string> { ["XFER_SOCKET"] = socketPath ?? SocketPath, ["XFER_NO_AUTOSTART"] = "1" },
            [.. prefix ?? [], .. XferCommand(arguments)]);

    /// <summary>Runs xfer as <paramref name="user"/> and returns its standard output; fails with everything it printed otherwise.</summary>
    public async Task<string> XferOkAsync(string user, params string[] arguments)
    {
        var result = await XferAsync(user, arguments);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"{result}\nsilo log:\n{Silo.ReadLog()}");
    }

    /// <summary>A suspended job of <paramref name="user"/> with one file into <paramref name="destination"/>; returns its id.</summary>
    public async Task<string> CreateSuspendedJobAsync(string user, string destination)
    {
        var id = (await XferOkAsync(user, "job", "create", $"{user}'s job")).Trim();
        await XferOkAsync(user, "job", "add-file", id, Origin.UrlFor("small.bin").ToString(), destination);
        return id;
    }

    /// <summary>The job as <paramref name="user"/> reads it with <c>xfer job info --format json</c>.</summary>
    public async Task<JsonElement> JobJsonAsync(string user, string id)
    {
        using var json = JsonDocument.Parse(await XferOkAsync(user, "job", "info", id, "--format", "json"));
        return json.RootElement.Clone();
    }

    public static string OwnerIdOf(int uid) => string.Create(CultureInfo.InvariantCulture, $"unix:{uid}");

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Origin.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Copies a build output where every user can read it: the checkout itself may sit under a private directory.</summary>
    private static string CopyBuild(string root, string project, string assembly, string name)
    {
        var source = Path.GetDirectoryName(SiloProcess.BuildOutputPath(project, assembly, $"build {project} first"))!;
        var target = Path.Combine(root, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        foreach (var directory in Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories).Append(target))
        {
            File.SetUnixFileMode(directory, Traversable);
        }

        return target;
    }
}
