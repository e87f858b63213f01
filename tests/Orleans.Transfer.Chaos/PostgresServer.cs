using System.Diagnostics;
using Npgsql;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The throwaway PostgreSQL of <c>scripts/postgres.sh</c> (data in <c>$XFER_TEST_POSTGRES_DIR/data</c>, a mktemp
/// directory), restarted with pg_ctl. Restarting it breaks every open connection, so only the full form does it, when
/// nothing else runs.
/// </summary>
public static class PostgresServer
{
    /// <summary>
    /// The data directory behind <paramref name="connectionString"/>, or null when the server is not the one
    /// <c>XFER_TEST_POSTGRES_DIR</c> names (its postmaster.pid names the same port).
    /// </summary>
    public static string? DataDirectoryFor(string connectionString)
    {
        if (Environment.GetEnvironmentVariable("XFER_TEST_POSTGRES_DIR") is not { Length: > 0 } root)
        {
            return null;
        }

        var port = new NpgsqlConnectionStringBuilder(connectionString).Port;
        var directory = Path.Combine(root, "data");
        var pidFile = Path.Combine(directory, "postmaster.pid");
        try
        {
            // Line 4 of postmaster.pid is the port the server listens on.
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 3 && lines[3].Trim() == port.ToString(System.Globalization.CultureInfo.InvariantCulture) ? directory : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>pg_ctl restart -m fast -w, as the postgres account when running as root.</summary>
    public static async Task RestartAsync(string dataDirectory)
    {
        var binDirectory = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0))
            .LastOrDefault() ?? throw new InvalidOperationException("pg_ctl not found under /usr/lib/postgresql/*/bin");
        // Without -l the server would inherit pg_ctl's redirected stdout and keep it open forever.
        var logFile = Path.Combine(Path.GetDirectoryName(dataDirectory)!, "server.log");
        string[] pgCtl = [Path.Combine(binDirectory, "pg_ctl"), "-D", dataDirectory, "-l", logFile, "restart", "-m", "fast", "-w", "-t", "60"];
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", .. pgCtl])
            : new ProcessStartInfo(pgCtl[0], pgCtl[1..]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run pg_ctl");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl restart failed ({process.ExitCode}): {output}");
        }
    }
}
