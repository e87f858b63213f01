using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orleans.Transfer.Integration.Tests;

/// <summary>The real silo executable, started as a child process with its own data directory and ports.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    public SiloProcess(string dataDirectory, IReadOnlyDictionary<string, string>? storageEnvironment = null)
    {
        DataDirectory = dataDirectory;
        GatewayPort = FreePort();
        _environment = new Dictionary<string, string>(storageEnvironment ?? new Dictionary<string, string>())
        {
            ["XFER_HOME"] = dataDirectory,
            ["XFER_GATEWAY_PORT"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["XFER_SILO_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public string DataDirectory { get; }

    public int GatewayPort { get; }

    public string LogPath => Path.Combine(DataDirectory, "silo-test.log");

    public async Task StartAsync()
    {
        var pidFile = Path.Combine(DataDirectory, "silo.pid");
        File.Delete(pidFile);
        var start = new ProcessStartInfo("dotnet", [SiloAssemblyPath()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the silo");
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        _process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!File.Exists(pidFile))
        {
            if (_process.HasExited || deadline.Elapsed > s_startDeadline)
            {
                throw new InvalidOperationException($"the silo did not start (exited: {_process.HasExited}); log:\n{ReadLog()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or power loss.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
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
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string SiloAssemblyPath()
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.Transfer.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "silo", "Orleans.Transfer.Silo", "bin", configuration, "net10.0", "Orleans.Transfer.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build the silo first: {path} is missing");
    }
}
