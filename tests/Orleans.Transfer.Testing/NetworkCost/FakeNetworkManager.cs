using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Orleans.Transfer.Testing.NetworkCost;

/// <summary>
/// A private system bus (a real <c>dbus-daemon</c> with its own configuration and socket in a temporary directory)
/// with python3-dbusmock's NetworkManager template on it, plus NetworkManager's <c>Metered</c> property, which the
/// template lacks. Put <see cref="BusAddress"/> in <c>DBUS_SYSTEM_BUS_ADDRESS</c> of a silo process (or give it to a
/// cost source); <see cref="SetMeteredAsync"/> changes <c>Metered</c> and emits
/// <c>org.freedesktop.DBus.Properties.PropertiesChanged</c>, as NetworkManager does. scripts/test-peers.sh installs
/// dbus-daemon, dbus-send (dbus-bin) and python3-dbusmock (Debian's, for /usr/bin/python3).
/// </summary>
public sealed class FakeNetworkManager : IAsyncDisposable
{
    /// <summary>NMMetered NM_METERED_UNKNOWN.</summary>
    public const uint MeteredUnknown = 0;

    /// <summary>NMMetered NM_METERED_YES.</summary>
    public const uint MeteredYes = 1;

    /// <summary>NMMetered NM_METERED_NO.</summary>
    public const uint MeteredNo = 2;

    /// <summary>NMMetered NM_METERED_GUESS_YES (NetworkManager's docs: treat as metered).</summary>
    public const uint MeteredGuessYes = 3;

    /// <summary>NMMetered NM_METERED_GUESS_NO.</summary>
    public const uint MeteredGuessNo = 4;

    private const string DaemonPath = "/usr/bin/dbus-daemon";
    private const string SendPath = "/usr/bin/dbus-send";
    private const string PythonPath = "/usr/bin/python3";
    private const string BusName = "org.freedesktop.NetworkManager";
    private const string ObjectPath = "/org/freedesktop/NetworkManager";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromMilliseconds(50);
    private readonly string _directory;
    private readonly Process _daemon;
    private readonly StringBuilder _output = new();
    private Process? _networkManager;

    private FakeNetworkManager(string directory, Process daemon, string busAddress)
    {
        _directory = directory;
        _daemon = daemon;
        BusAddress = busAddress;
    }

    /// <summary>True when dbus-daemon, dbus-send and python3-dbusmock are installed.</summary>
    public static bool IsInstalled =>
        File.Exists(DaemonPath) && File.Exists(SendPath) && Directory.Exists("/usr/lib/python3/dist-packages/dbusmock");

    /// <summary>The private bus's address, for <c>DBUS_SYSTEM_BUS_ADDRESS</c>.</summary>
    public string BusAddress { get; }

    /// <summary>True while the fake NetworkManager owns its name on the bus.</summary>
    public bool IsNetworkManagerRunning => _networkManager is { HasExited: false };

    /// <summary>
    /// Starts the bus and, when <paramref name="withNetworkManager"/>, the fake NetworkManager with
    /// <c>Metered</c> = <paramref name="metered"/>; returns once NetworkManager answers on the bus.
    /// </summary>
    public static async Task<FakeNetworkManager> CreateAsync(uint metered = MeteredGuessNo, bool withNetworkManager = true)
    {
        if (!OperatingSystem.IsLinux() || !IsInstalled)
        {
            throw new InvalidOperationException(
                $"{DaemonPath}, {SendPath} or python3-dbusmock is missing: run scripts/test-peers.sh (apt-get install dbus-daemon dbus-bin python3-dbusmock).");
        }

        var directory = Directory.CreateTempSubdirectory("xfer-dbus-").FullName;
        var config = Path.Combine(directory, "bus.conf");
        await File.WriteAllTextAsync(config, Configuration(Path.Combine(directory, "bus.socket")));
        var start = new ProcessStartInfo(DaemonPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { $"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1" })
        {
            start.ArgumentList.Add(argument);
        }

        var daemon = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(s_startTimeout);
        string? address;
        try
        {
            // dbus-daemon prints its address once it listens.
            address = await daemon.StandardOutput.ReadLineAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            address = null;
        }

        if (string.IsNullOrEmpty(address))
        {
            daemon.Kill();
            var error = await daemon.StandardError.ReadToEndAsync();
            await daemon.WaitForExitAsync();
            daemon.Dispose();
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"dbus-daemon did not start: {error}");
        }

        var bus = new FakeNetworkManager(directory, daemon, address);
        daemon.ErrorDataReceived += (_, e) => bus.Append(e.Data);
        daemon.BeginErrorReadLine();
        if (withNetworkManager)
        {
            try
            {
                await bus.StartNetworkManagerAsync(metered);
            }
            catch
            {
                await bus.DisposeAsync();
                throw;
            }
        }

        return bus;
    }

    /// <summary>
    /// Starts the fake NetworkManager (again, after <see cref="StopNetworkManagerAsync"/>: a NetworkManager restart)
    /// with <c>Metered</c> = <paramref name="metered"/>, and waits until it owns its name and has the property.
    /// </summary>
    public async Task StartNetworkManagerAsync(uint metered = MeteredGuessNo)
    {
        if (IsNetworkManagerRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { "-m", "dbusmock", "--system", "--template", "networkmanager" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = BusAddress;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _networkManager = process;
        using var deadline = new CancellationTokenSource(s_startTimeout);
        using var probe = new PeriodicTimer(s_probeInterval);
        while (!await OwnsNameAsync())
        {
            if (process.HasExited || deadline.IsCancellationRequested)
            {
                await StopNetworkManagerAsync();
                throw new InvalidOperationException($"the fake NetworkManager did not appear on {BusAddress}: {Output}");
            }

            // python3 takes a moment to start and claim the name: ask again at the next tick, until the deadline.
            await probe.WaitForNextTickAsync(CancellationToken.None);
        }

        await SendAsync(BusName, ObjectPath, "org.freedesktop.DBus.Mock.AddProperty", $"string:{BusName}", "string:Metered", Variant(metered));

        // Adding a property emits nothing; a watcher that looked between the name's arrival and AddProperty learns it here.
        await SetMeteredAsync(metered);
    }

    /// <summary>Kills the fake NetworkManager (its name leaves the bus) and waits for it; the bus stays.</summary>
    public async Task StopNetworkManagerAsync()
    {
        if (_networkManager is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
        _networkManager = null;
    }

    /// <summary>
    /// Sets NetworkManager's <c>Metered</c> (<see cref="MeteredUnknown"/> … <see cref="MeteredGuessNo"/>) and emits
    /// PropertiesChanged; returns once the fake NetworkManager has done both.
    /// </summary>
    public async Task SetMeteredAsync(uint metered) =>
        await SendAsync(BusName, ObjectPath, "org.freedesktop.DBus.Properties.Set", $"string:{BusName}", "string:Metered", Variant(metered));

    /// <summary>What the bus and the fake NetworkManager printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopNetworkManagerAsync();
        if (!_daemon.HasExited)
        {
            _daemon.Kill();
        }

        await _daemon.WaitForExitAsync();
        _daemon.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Variant(uint metered) => "variant:uint32:" + metered.ToString(CultureInfo.InvariantCulture);

    private static string Configuration(string socket) => $"""
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
          "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>system</type>
          <listen>unix:path={socket}</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow user="*"/>
            <allow own="*"/>
            <allow send_destination="*"/>
            <allow receive_sender="*"/>
          </policy>
        </busconfig>
        """;

    private async Task<bool> OwnsNameAsync()
    {
        var reply = await SendAsync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", $"string:{BusName}");
        return reply.Contains("boolean true", StringComparison.Ordinal);
    }

    private async Task<string> SendAsync(string destination, string path, string member, params string[] arguments)
    {
        var start = new ProcessStartInfo(SendPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { $"--bus={BusAddress}", "--print-reply", $"--dest={destination}", path, member }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dbus-send {member} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        }

        return await output;
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
