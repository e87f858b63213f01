using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Testing;

/// <summary>The real silo executable, started as a child process with its own data directory and ports.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_startPollInterval = TimeSpan.FromMilliseconds(50);
    private readonly Dictionary<string, string> _environment;
    private readonly IReadOnlyList<string> _launchPrefix;
    private readonly string? _siloAssemblyPath;
    private readonly Lock _logLock = new();
    private Process? _process;
    private StreamWriter? _log;

    /// <param name="dataDirectory">The silo's XFER_HOME.</param>
    /// <param name="storageEnvironment">Extra environment variables, such as the storage profile's.</param>
    /// <param name="launchPrefix">A command the silo runs under, such as <c>ip netns exec NAME</c>.</param>
    /// <param name="siloAssemblyPath">The silo to run, when not the build output (a copy another user can read).</param>
    public SiloProcess(
        string dataDirectory,
        IReadOnlyDictionary<string, string>? storageEnvironment = null,
        IReadOnlyList<string>? launchPrefix = null,
        string? siloAssemblyPath = null)
    {
        DataDirectory = dataDirectory;
        _launchPrefix = launchPrefix ?? [];
        _siloAssemblyPath = siloAssemblyPath;
        GatewayPort = LoopbackPorts.Free();
        SiloPort = LoopbackPorts.Free();
        _environment = new Dictionary<string, string>(storageEnvironment ?? new Dictionary<string, string>())
        {
            ["XFER_HOME"] = dataDirectory,
            ["XFER_GATEWAY_PORT"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["XFER_SILO_PORT"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        // Test silos run side by side and beside a developer's own service: the dashboard takes any free port unless
        // a test asks for one (its login link says which).
        _environment.TryAdd("XFER_WEB_PORT", "0");
    }

    public string DataDirectory { get; }

    /// <summary>The silo's XFER_CLUSTER_ID, or null for a silo running alone.</summary>
    public string? ClusterId => _environment.GetValueOrDefault("XFER_CLUSTER_ID");

    public int GatewayPort { get; }

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; }

    public string LogPath => Path.Combine(DataDirectory, "silo-test.log");

    /// <summary>Raised with each line the silo writes to stdout or stderr, as it arrives.</summary>
    public event Action<string>? OutputLine;

    /// <summary>True when started and not yet exited or killed.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The exit code of a start that ended with the process exiting, else null.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The process id while started, else null.</summary>
    public int? ProcessId => _process?.Id;

    public async Task StartAsync()
    {
        var pidFile = Path.Combine(DataDirectory, "silo.pid");
        File.Delete(pidFile);
        string[] command = [.. _launchPrefix, "dotnet", _siloAssemblyPath ?? SiloAssemblyPath()];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        lock (_logLock)
        {
            _log ??= new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the silo");
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!File.Exists(pidFile))
        {
            if (_process.HasExited || deadline.Elapsed > s_startDeadline)
            {
                if (_process.HasExited)
                {
                    // The exit can come before the output readers have delivered the last lines (the reason it exited).
                    await _process.WaitForExitAsync();
                    ExitCode = _process.ExitCode;
                }

                throw new InvalidOperationException($"the silo did not start (exited: {_process.HasExited}); log:\n{ReadLog()}");
            }

            await Task.Delay(s_startPollInterval);
        }
    }

    /// <summary>Waits for a silo that is to stop by itself (a failed start) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        var process = _process ?? throw new InvalidOperationException("the silo is not started");
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the silo did not exit within {deadline}; log:\n{ReadLog()}");
        }

        ExitCode = process.ExitCode;
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or power loss.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("the silo is not started");
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>
    /// SIGSTOP: the process stays, holding its ports and files, and answers nothing, like a hung silo or a machine that
    /// vanished from the network. <see cref="DisposeAsync"/> kills it.
    /// </summary>
    public void Freeze()
    {
        var process = _process ?? throw new InvalidOperationException("the silo is not started");
        using var stop = Process.Start("kill", ["-STOP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        stop.WaitForExit();
    }

    /// <summary>SIGCONT after <see cref="Freeze"/>: the silo wakes where it stopped, unaware of the time that passed.</summary>
    public void Thaw()
    {
        var process = _process ?? throw new InvalidOperationException("the silo is not started");
        using var resume = Process.Start("kill", ["-CONT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        resume.WaitForExit();
    }

    /// <summary>Waits until the process exits by itself (its <see cref="ExitCode"/> is then set); false after <paramref name="timeout"/>.</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("the silo is not started");
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return false;
        }

        ExitCode = process.ExitCode;
        return true;
    }

    /// <summary>
    /// Waits until something accepts TCP connections on <paramref name="port"/> (the pid file comes before Kestrel has
    /// bound a surface's own port; connecting is the only sign it has); throws with the log when the silo exits first or
    /// <paramref name="deadline"/> passes.
    /// </summary>
    public async Task UntilListeningAsync(int port, TimeSpan deadline)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < deadline && IsRunning)
            {
                await timer.WaitForNextTickAsync();
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"port {port} never opened ({e.SocketErrorCode}); silo log:\n{ReadLog()}", e);
            }
        }
    }

    /// <summary>Adds a line to the silo log, e.g. to mark where a test acted.</summary>
    public void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log?.WriteLine(line);
        }
    }

    private void Received(string? line)
    {
        AppendLog(line);
        if (line is not null)
        {
            OutputLine?.Invoke(line);
        }
    }

    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await KillAsync();
        }

        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }
    }


    private static string SiloAssemblyPath() => BuildOutputPath("silo/Orleans.Transfer.Silo", "Orleans.Transfer.Silo.dll", "build the silo first");

    /// <summary>The path of <paramref name="fileName"/> in the build output of the project in <paramref name="projectDirectory"/>.</summary>
    public static string BuildOutputPath(string projectDirectory, string fileName, string hint)
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.Transfer.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, projectDirectory, "bin", configuration, "net10.0", fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{hint}: {path} is missing");
    }
}
