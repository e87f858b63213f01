using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Transfer.Testing.Samba;

/// <summary>
/// A real Samba server (<c>smbd --foreground</c>) on 127.0.0.1 and a free port, with its own configuration, state
/// directories, one share <c>xfer</c> and one user: everything under a temporary directory, nothing in /etc/samba.
/// scripts/test-peers.sh installs samba. As root the share's files belong to the system account <see cref="Account"/>
/// (created once), which smbd switches to for the Samba user; otherwise smbd serves the current user only.
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> take the server down and up again on the same port and share.
/// </summary>
public sealed class SambaServer : IAsyncDisposable
{
    /// <summary>The share every test server exports.</summary>
    public const string ShareName = "xfer";

    /// <summary>The system account a root-run smbd writes the share's files as.</summary>
    public const string Account = "xfer-smb";

    private const string SmbdPath = "/usr/sbin/smbd";
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromMilliseconds(50);
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private SambaServer(string directory, int port, string userName, string password)
    {
        _directory = directory;
        Port = port;
        UserName = userName;
        Password = password;
    }

    /// <summary>True when smbd is installed (scripts/test-peers.sh installs it on Debian).</summary>
    public static bool IsInstalled => File.Exists(SmbdPath);

    public int Port { get; }

    /// <summary>The Samba user, who may read and write the share.</summary>
    public string UserName { get; }

    public string Password { get; }

    /// <summary>The local directory the share exports: tests put sources here and check uploads here.</summary>
    public string ShareDirectory => Path.Combine(_directory, "share");

    /// <summary>True while smbd runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Creates the configuration and user and starts smbd; returns once its port accepts connections.</summary>
    public static async Task<SambaServer> CreateAsync(string password = "Smb-Test-1")
    {
        if (!OperatingSystem.IsLinux() || !IsInstalled)
        {
            throw new InvalidOperationException($"{SmbdPath} is missing: run scripts/test-peers.sh (apt-get install samba smbclient libsmbclient).");
        }

        var directory = Directory.CreateTempSubdirectory("xfer-samba-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var isRoot = Environment.UserName == "root";
        var user = isRoot ? Account : Environment.UserName;
        var server = new SambaServer(directory, LoopbackPorts.Free(), user, password);
        foreach (var sub in new[] { "share", "private", "lock", "state", "cache", "pid", "ncalrpc" })
        {
            Directory.CreateDirectory(Path.Combine(directory, sub));
        }

        await File.WriteAllTextAsync(server.ConfigPath, server.Configuration());
        if (isRoot)
        {
            await RunAsync("sh", "-c", $"id -u {Account} >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin {Account}");
            await RunAsync("chown", Account, server.ShareDirectory);
            await RunWithInputAsync("smbpasswd", $"{password}\n{password}\n", "-c", server.ConfigPath, "-s", "-a", user);
        }
        else
        {
            await RunWithInputAsync("pdbedit", $"{password}\n{password}\n", "-s", server.ConfigPath, "-a", "-u", user, "-t");
        }

        await server.StartAsync();
        return server;
    }

    /// <summary>The smb URL of <paramref name="relativePath"/> in the share, segments percent-encoded.</summary>
    public string Url(string relativePath) =>
        $"smb://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{ShareName}/"
        + string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The local path of <paramref name="relativePath"/> in the share.</summary>
    public string LocalPath(string relativePath) => Path.Combine(ShareDirectory, relativePath);

    /// <summary>Writes a file into the share as the account smbd serves it as, and returns its local path.</summary>
    public async Task<string> PutAsync(string relativePath, byte[] content)
    {
        var path = LocalPath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        }

        if (Environment.UserName == "root")
        {
            // Directories made here belong to root, where smbd (as the account) could not create or rename files.
            await RunAsync("chown", "-R", Account, ShareDirectory);
        }

        return path;
    }

    /// <summary>
    /// Rewrites a file of the share in place with <paramref name="content"/>: one write over its bytes, then its new
    /// length, back to back on this thread. Unlike <see cref="PutAsync"/> (truncate, then write on the thread pool) it
    /// is never empty in between: a reader that found it empty for a whole attempt would rightly take that empty
    /// version (B64: size and last-write time). Each state in between lasts far less than reading it takes.
    /// </summary>
    public string Rewrite(string relativePath, byte[] content)
    {
        var path = LocalPath(relativePath);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        RandomAccess.Write(handle, content, fileOffset: 0);
        RandomAccess.SetLength(handle, content.Length);
        return path;
    }

    /// <summary>
    /// Creates a directory in the share that the Samba user may write in (uploads), owned by <see cref="Account"/> when
    /// smbd runs as root; returns its local path.
    /// </summary>
    public async Task<string> CreateDirectoryAsync(string relativePath)
    {
        var path = LocalPath(relativePath);
        Directory.CreateDirectory(path);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", Account, path);
        }

        return path;
    }

    /// <summary>Starts smbd (again, after <see cref="StopAsync"/>) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(SmbdPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { "--foreground", "--no-process-group", "--debug-stdout", "-s", ConfigPath })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        using var deadline = new CancellationTokenSource(s_startTimeout);
        using var probe = new PeriodicTimer(s_probeInterval);
        while (!await AcceptsAsync(deadline.Token))
        {
            if (process.HasExited || deadline.IsCancellationRequested)
            {
                await StopAsync();
                throw new InvalidOperationException($"smbd did not start listening on {Port}: {Output}");
            }

            // smbd binds its port a moment after it starts: probe again at the next tick, until the deadline.
            await probe.WaitForNextTickAsync(CancellationToken.None);
        }
    }

    /// <summary>Kills smbd and the children serving connections (so open connections drop), and waits for them.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>
    /// The bytes smbd has read from the share's files since it was created (its profile counters, kept across
    /// connections and their processes): how much a client fetched, re-fetches included.
    /// </summary>
    public async Task<long> BytesReadAsync()
    {
        var profile = await RunWithInputAsync("smbstatus", standardInput: null, "-P", "-s", ConfigPath);
        var total = 0L;
        foreach (var line in profile.Split('\n'))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts is ["syscall_pread_bytes" or "syscall_asys_pread_bytes", var value])
            {
                total += long.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>What smbd printed, for failure messages.</summary>
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
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string ConfigPath => Path.Combine(_directory, "smb.conf");

    private string Configuration() => $"""
        [global]
          smb ports = {Port.ToString(CultureInfo.InvariantCulture)}
          interfaces = 127.0.0.1
          bind interfaces only = yes
          disable netbios = yes
          server role = standalone server
          map to guest = never
          pid directory = {_directory}/pid
          lock directory = {_directory}/lock
          state directory = {_directory}/state
          cache directory = {_directory}/cache
          private dir = {_directory}/private
          ncalrpc dir = {_directory}/ncalrpc
          log file = {_directory}/smbd.log
          passdb backend = tdbsam:{_directory}/private/passdb.tdb
          load printers = no
          printing = bsd
          printcap name = /dev/null
          disable spoolss = yes
          smbd profiling level = on
        [{ShareName}]
          path = {ShareDirectory}
          read only = no
          valid users = {UserName}
          create mask = 0644

        """;

    private static async Task RunAsync(string tool, params string[] arguments) => await RunWithInputAsync(tool, standardInput: null, arguments);

    private static async Task<string> RunWithInputAsync(string tool, string? standardInput, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{error}");
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

    private async Task<bool> AcceptsAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
