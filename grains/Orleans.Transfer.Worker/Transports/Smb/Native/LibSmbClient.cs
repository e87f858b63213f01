using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The Linux SMB client: Samba's libsmbclient through its context API, every native call on the one SMB thread of the
/// process (<see cref="SmbcThread"/>). One context per credential is kept for the next call and freed after
/// <see cref="SmbOptions.IdleConnectionLifetime"/> unused, or at once after a connection failure (a server that
/// restarted is then reached through a fresh context). A machine without libsmbclient.so.0 fails every call with
/// <see cref="SmbErrorKind.ClientMissing"/> naming the package, and nothing else.
/// </summary>
internal sealed partial class LibSmbClient : ISmbClient, IDisposable, IAsyncDisposable
{
    // Stands for "no credential" as a cache key: anonymous, never the service's own identity.
    private static readonly SmbCredential s_anonymous = new(null, string.Empty, string.Empty, UseKerberos: false);
    private static readonly Lazy<string> s_configuration = new(EmptyConfiguration);

    private readonly SmbOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LibSmbClient> _logger;
    private readonly string _libraryName;
    private readonly SmbcThread _thread;
    private readonly ITimer _sweep;
    private readonly Dictionary<SmbcContextKey, SmbcContext> _contexts = [];
    private SmbcLibrary? _library;
    private SmbException? _loadFailure;
    private int _disposed;

    public LibSmbClient(IOptions<SmbOptions> options, TimeProvider timeProvider, ILogger<LibSmbClient> logger)
        : this(options, timeProvider, logger, SmbcLibrary.DefaultName)
    {
    }

    /// <summary>Also names the library to load, so that tests can see what a machine without it does.</summary>
    internal LibSmbClient(IOptions<SmbOptions> options, TimeProvider timeProvider, ILogger<LibSmbClient> logger, string libraryName)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _libraryName = libraryName;
        _thread = SmbcThread.Acquire();
        var period = _options.IdleConnectionLifetime > TimeSpan.Zero ? _options.IdleConnectionLifetime / 2 : TimeSpan.FromSeconds(1);
        _sweep = timeProvider.CreateTimer(_ => _ = SweepAsync(), null, period, period);
    }

    /// <summary>How many contexts are cached now (for tests of the idle sweep).</summary>
    internal Task<int> CountContextsAsync() => _thread.RunAsync(() => _contexts.Count, CancellationToken.None);

    /// <summary>Frees contexts unused for <see cref="SmbOptions.IdleConnectionLifetime"/> that hold no open file.</summary>
    internal Task SweepAsync() => _thread.RunAsync(() =>
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (key, context) in _contexts.Where(c => c.Value.OpenFiles == 0 && now - c.Value.LastUsed >= _options.IdleConnectionLifetime).ToList())
        {
            Drop(key, context);
            LogContextIdle(_logger, key.Credential.UserName);
        }

        return true;
    }, CancellationToken.None);

    public async Task<ISmbFile> OpenReadAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken) =>
        await OpenAsync(file, credential, write: false, cancellationToken).ConfigureAwait(false);

    public async Task<ISmbFile> OpenWriteAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken) =>
        await OpenAsync(file, credential, write: true, cancellationToken).ConfigureAwait(false);

    public Task<SmbFileInfo?> StatAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(file, credential, context =>
        {
            var errno = context.Stat(file.ToUrl(), out var info);
            return errno == 0 || IsMissingFile(context, errno, file) ? info : throw Failure(context, errno, "look up", file);
        }, cancellationToken);

    public Task RenameAsync(SmbLocation from, SmbLocation to, SmbCredential? credential, CancellationToken cancellationToken)
    {
        if (from.Host != to.Host || from.Port != to.Port || !string.Equals(from.Share, to.Share, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Cannot rename {from} to {to}: SMB renames only within one share.", nameof(to));
        }

        // libsmbclient (4.17) renames without replacing; on EEXIST it deletes the target and renames again, so the
        // target name is briefly absent, and gone if that second rename fails.
        return RunAsync(from, credential, context =>
        {
            var errno = context.Rename(from.ToUrl(), to.ToUrl());
            return errno == 0 ? true : throw Failure(context, errno, $"rename to {to.ToUrl()}", from);
        }, cancellationToken);
    }

    public Task DeleteAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(file, credential, context =>
        {
            var errno = context.Unlink(file.ToUrl());
            return errno == 0 || IsMissingFile(context, errno, file) ? true : throw Failure(context, errno, "delete", file);
        }, cancellationToken);

    public Task SetLastWriteTimeAsync(SmbLocation file, DateTimeOffset lastWriteTime, SmbCredential? credential, CancellationToken cancellationToken) =>
        RunAsync(file, credential, context =>
        {
            var errno = context.SetTimes(file.ToUrl(), lastWriteTime);
            return errno == 0 ? true : throw Failure(context, errno, "set the last-write time of", file);
        }, cancellationToken);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _sweep.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _thread.RunAsync(() =>
            {
                foreach (var (key, context) in _contexts.ToList())
                {
                    Drop(key, context);
                }

                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            SmbcThread.Release(_thread);
        }
    }

    /// <summary>Runs a call of an open file on the SMB thread; a file whose context was dropped fails as a lost connection.</summary>
    internal Task<T> RunAsync<T>(LibSmbFile file, string action, Func<SmbcContext, T> call, CancellationToken cancellationToken) =>
        _thread.RunAsync(() =>
        {
            if (file.Context.IsFreed)
            {
                throw new SmbException(SmbErrorKind.ConnectionLost, 0,
                    $"Could not {action} {file.Location.ToUrl()}: its connection was closed after an earlier failure. {SmbcErrors.Advice(SmbErrorKind.ConnectionLost)}");
            }

            return Guard(file.Location, file.Credential, file.Context, call);
        }, cancellationToken);

    /// <summary>Closes an open file (without a caller's cancellation: a handle must not leak).</summary>
    internal Task CloseAsync(LibSmbFile file) => _thread.RunAsync(() =>
    {
        var context = file.Context;
        if (!context.IsFreed)
        {
            context.OpenFiles--;
            context.LastUsed = _timeProvider.GetUtcNow();
            if (context.Close(file.Handle) is var errno and not 0)
            {
                LogCloseFailed(_logger, file.Location, errno);
            }
        }

        return true;
    }, CancellationToken.None);

    private Task<ISmbFile> OpenAsync(SmbLocation file, SmbCredential? credential, bool write, CancellationToken cancellationToken) =>
        RunAsync(file, credential, context =>
        {
            var url = file.ToUrl();
            var action = write ? "open for writing" : "open for reading";

            // libsmbclient opens a directory named as a file as a directory handle, so look first.
            if (context.Stat(url, out var before) is var statErrno and not 0 && !(write && SmbcErrors.Kind(statErrno) == SmbErrorKind.NotFound))
            {
                throw Failure(context, statErrno, action, file);
            }

            if (before is { IsDirectory: true })
            {
                throw SmbcErrors.Exception(SmbErrorKind.IsDirectory, 21, action, file);
            }

            if (context.Open(url, write, out var handle) is var errno and not 0)
            {
                throw Failure(context, errno, action, file);
            }

            if (context.Fstat(handle, out var info) is var fstatErrno and not 0)
            {
                context.Close(handle);
                throw SmbcErrors.Exception(fstatErrno, action, file);
            }

            context.OpenFiles++;
            return (ISmbFile)new LibSmbFile(this, context, handle, file, credential, info!, _options.ChunkBytes);
        }, cancellationToken);

    private Task<T> RunAsync<T>(SmbLocation location, SmbCredential? credential, Func<SmbcContext, T> call, CancellationToken cancellationToken) =>
        _thread.RunAsync(() => Guard(location, credential, ContextFor(location, credential), call), cancellationToken);

    // Tells a refused logon from a refused file, and drops a context whose connection failed.
    private T Guard<T>(SmbLocation location, SmbCredential? credential, SmbcContext context, Func<SmbcContext, T> call)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var logons = SmbcAuth.Calls(context.AuthId);
        try
        {
            return call(context);
        }
        catch (SmbException ex) when (ex.Kind == SmbErrorKind.AccessDenied && SmbcAuth.Calls(context.AuthId) != logons)
        {
            // The call logged on afresh and was refused: if the share itself refuses us too, the credential is at fault.
            var shareErrno = context.Stat(ShareUrl(location), out _);
            if (SmbcErrors.Kind(shareErrno) == SmbErrorKind.AccessDenied)
            {
                throw new SmbException(SmbErrorKind.AuthenticationFailed, ex.NativeError,
                    $"The server refused the credential {CredentialName(credential)} for {location.ToUrl()} ({SmbcErrors.Name(ex.NativeError)}). {SmbcErrors.Advice(SmbErrorKind.AuthenticationFailed)}", ex);
            }

            throw;
        }
        catch (SmbException ex) when (SmbcErrors.BreaksConnection(ex.Kind))
        {
            var key = KeyOf(location, credential);
            if (_contexts.TryGetValue(key, out var cached) && cached == context)
            {
                Drop(key, context);
                LogContextDropped(_logger, location, ex.Kind, ex.NativeError);
            }

            throw;
        }
        finally
        {
            context.LastUsed = _timeProvider.GetUtcNow();
        }
    }

    private SmbcContext ContextFor(SmbLocation location, SmbCredential? credential)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var key = KeyOf(location, credential);
        if (_contexts.TryGetValue(key, out var context))
        {
            return context;
        }

        var library = Library();
        if (SmbcContext.TryCreate(library, credential, location.Host, _options.Timeout, s_configuration.Value, out context) is var errno and not 0)
        {
            throw SmbcErrors.Exception(errno, "set up libsmbclient to reach", location);
        }

        context!.LastUsed = _timeProvider.GetUtcNow();
        _contexts[key] = context;
        LogContextCreated(_logger, key.Credential.UserName, _contexts.Count);
        return context;
    }

    private SmbcLibrary Library()
    {
        if (_library is not null)
        {
            return _library;
        }

        if (_loadFailure is null)
        {
            try
            {
                return _library = SmbcLibrary.Load(_libraryName);
            }
            catch (SmbException ex)
            {
                _loadFailure = ex;
                LogClientMissing(_logger, ex.Message);
            }
        }

        throw new SmbException(SmbErrorKind.ClientMissing, 0, _loadFailure.Message, _loadFailure);
    }

    private static SmbcContextKey KeyOf(SmbLocation location, SmbCredential? credential) =>
        new(credential ?? s_anonymous, location.Host, location.Port);

    private void Drop(SmbcContextKey key, SmbcContext context)
    {
        _contexts.Remove(key);
        context.Free();
    }

    // libsmbclient says ENOENT for a missing share too: the share's root tells the two apart.
    private static SmbException Failure(SmbcContext context, int errno, string action, SmbLocation location) =>
        SmbcErrors.Kind(errno) == SmbErrorKind.NotFound && IsShareMissing(context, location)
            ? new SmbException(SmbErrorKind.ShareNotFound, errno,
                $"Could not {action} {location.ToUrl()}: the server {location.Host} has no share '{location.Share}'. {SmbcErrors.Advice(SmbErrorKind.ShareNotFound)}")
            : SmbcErrors.Exception(errno, action, location);

    private static bool IsMissingFile(SmbcContext context, int errno, SmbLocation location) =>
        SmbcErrors.Kind(errno) == SmbErrorKind.NotFound && !IsShareMissing(context, location);

    private static bool IsShareMissing(SmbcContext context, SmbLocation location) =>
        SmbcErrors.Kind(context.Stat(ShareUrl(location), out _)) == SmbErrorKind.NotFound;

    private static string ShareUrl(SmbLocation location) =>
        $"smb://{location.Host}{(location.Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : string.Empty)}/{Uri.EscapeDataString(location.Share)}";

    private static string CredentialName(SmbCredential? credential) => credential switch
    {
        null => "(anonymous)",
        { Domain: { Length: > 0 } domain } => $"{domain}\\{credential.UserName}",
        _ => credential.UserName,
    };

    // An empty smb.conf of our own, so that /etc/samba/smb.conf and ~/.smb/smb.conf do not change what the client does.
    private static string EmptyConfiguration()
    {
        var directory = Directory.CreateTempSubdirectory("xfer-smbclient-").FullName;
        var path = Path.Combine(directory, "smb.conf");
        File.WriteAllText(path, "[global]\n");
        return path;
    }
}
