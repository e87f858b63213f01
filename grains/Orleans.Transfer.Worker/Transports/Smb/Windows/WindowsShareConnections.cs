using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The shares connected with job credentials: one connection per share (Windows allows one user per server and logon
/// session), made with CONNECT_TEMPORARY before first use and cancelled after <see cref="SmbOptions.IdleConnectionLifetime"/>
/// unused or when the client is disposed. Unverified on Windows.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed partial class WindowsShareConnections : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WindowsShareConnection> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly SmbOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ITimer _sweep;

    public WindowsShareConnections(SmbOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        var period = options.IdleConnectionLifetime > TimeSpan.Zero ? options.IdleConnectionLifetime / 2 : TimeSpan.FromSeconds(1);
        _sweep = timeProvider.CreateTimer(_ => Sweep(), null, period, period);
    }

    /// <summary>
    /// Connects <paramref name="location"/>'s share with <paramref name="credential"/> unless it already is, and counts
    /// a user of it until <see cref="Release"/>.
    /// </summary>
    public unsafe WindowsShareConnection Acquire(SmbLocation location, SmbCredential credential)
    {
        var share = WindowsSmbPaths.Share(location);
        lock (_gate)
        {
            if (_connections.TryGetValue(share, out var existing))
            {
                if (existing.Credential == credential)
                {
                    existing.Users++;
                    existing.LastUsed = _timeProvider.GetUtcNow();
                    return existing;
                }

                if (existing.Users > 0)
                {
                    throw WindowsSmbErrors.Exception(WindowsSmbErrors.SessionCredentialConflict, "connect to", location);
                }

                Cancel(existing);
            }

            var user = credential.Domain is { Length: > 0 } domain ? $"{domain}\\{credential.UserName}" : credential.UserName;
            int error;
            fixed (char* remote = share)
            {
                var resource = new Mpr.NetResource { Type = Mpr.ResourceTypeDisk, RemoteName = remote };
                error = Mpr.AddConnection2(&resource, credential.Password, user, Mpr.ConnectTemporary);
            }

            if (error != 0)
            {
                throw WindowsSmbErrors.Exception(error, $"connect as {user} to", location);
            }

            var connection = new WindowsShareConnection(share, credential) { Users = 1, LastUsed = _timeProvider.GetUtcNow() };
            _connections[share] = connection;
            LogConnected(_logger, share, user);
            return connection;
        }
    }

    /// <summary>Ends one use; an idle connection is cancelled by the sweep (at once when the lifetime is zero).</summary>
    public void Release(WindowsShareConnection connection)
    {
        lock (_gate)
        {
            connection.Users--;
            connection.LastUsed = _timeProvider.GetUtcNow();
            if (connection.Users == 0 && _options.IdleConnectionLifetime == TimeSpan.Zero)
            {
                Cancel(connection);
            }
        }
    }

    public void Dispose()
    {
        _sweep.Dispose();
        lock (_gate)
        {
            foreach (var connection in _connections.Values.ToList())
            {
                Cancel(connection);
            }
        }
    }

    private void Sweep()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            foreach (var connection in _connections.Values.Where(c => c.Users == 0 && now - c.LastUsed >= _options.IdleConnectionLifetime).ToList())
            {
                Cancel(connection);
            }
        }
    }

    private void Cancel(WindowsShareConnection connection)
    {
        if (!_connections.Remove(connection.Share))
        {
            return;
        }

        var error = Mpr.CancelConnection2(connection.Share, 0, force: true);
        if (error == 0)
        {
            LogCancelled(_logger, connection.Share);
        }
        else
        {
            LogCancelFailed(_logger, connection.Share, error);
        }
    }
}
