using System.Collections.Concurrent;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>
/// An in-memory share for the smb transport's logic (the real Samba tests are elsewhere): files by URL, every call
/// recorded, and failures injected by operation. Thread-safe enough for one run at a time.
/// </summary>
internal sealed class FakeSmbClient : ISmbClient
{
    private readonly ConcurrentDictionary<string, FakeShareFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<SmbErrorKind>> _failures = new(StringComparer.Ordinal);
    private long _clock = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).UtcTicks;

    /// <summary>Calls in order: "open-read url", "read offset", "write offset", "rename from to", ...</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The credentials each open used.</summary>
    public ConcurrentQueue<SmbCredential?> Credentials { get; } = new();

    /// <summary>Runs on every read, with the offset read; a test changes the file from here.</summary>
    public Action<long>? OnRead { get; set; }

    /// <summary>Runs on every write; a test looks at the share from here.</summary>
    public Action<long>? OnWrite { get; set; }

    public FakeShareFile Put(string url, byte[] content, DateTimeOffset? lastWriteTime = null) =>
        _files[Key(url)] = new FakeShareFile(content, lastWriteTime ?? Tick());

    public FakeShareFile? Get(string url) => _files.GetValueOrDefault(Key(url));

    public IReadOnlyList<string> Names => [.. _files.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The next call of <paramref name="operation"/> (open-read, open-write, read, write, stat, rename, delete, flush, set-time) fails with <paramref name="kind"/>.</summary>
    public void FailNext(string operation, SmbErrorKind kind)
    {
        var queue = _failures.GetOrAdd(operation, _ => new Queue<SmbErrorKind>());
        lock (queue)
        {
            queue.Enqueue(kind);
        }
    }

    /// <summary>A later last-write time than any so far.</summary>
    public DateTimeOffset Tick() => new(Interlocked.Add(ref _clock, TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public Task<ISmbFile> OpenReadAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken)
    {
        Record($"open-read {file}", "open-read");
        Credentials.Enqueue(credential);
        var found = _files.GetValueOrDefault(file.ToUrl()) ?? throw new SmbException(SmbErrorKind.NotFound, 2, "No such file or directory");
        return Task.FromResult<ISmbFile>(new FakeSmbFile(this, found));
    }

    public Task<ISmbFile> OpenWriteAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken)
    {
        Record($"open-write {file}", "open-write");
        Credentials.Enqueue(credential);
        var found = _files.GetOrAdd(file.ToUrl(), _ => new FakeShareFile([], Tick()));
        return Task.FromResult<ISmbFile>(new FakeSmbFile(this, found));
    }

    public Task<SmbFileInfo?> StatAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken)
    {
        Record($"stat {file}", "stat");
        return Task.FromResult(_files.GetValueOrDefault(file.ToUrl())?.Info);
    }

    public Task RenameAsync(SmbLocation from, SmbLocation to, SmbCredential? credential, CancellationToken cancellationToken)
    {
        Record($"rename {from} {to}", "rename");
        if (!_files.TryRemove(from.ToUrl(), out var file))
        {
            throw new SmbException(SmbErrorKind.NotFound, 2, "No such file or directory");
        }

        _files[to.ToUrl()] = file;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(SmbLocation file, SmbCredential? credential, CancellationToken cancellationToken)
    {
        Record($"delete {file}", "delete");
        _files.TryRemove(file.ToUrl(), out _);
        return Task.CompletedTask;
    }

    public Task SetLastWriteTimeAsync(SmbLocation file, DateTimeOffset lastWriteTime, SmbCredential? credential, CancellationToken cancellationToken)
    {
        Record($"set-time {file}", "set-time");
        var found = _files.GetValueOrDefault(file.ToUrl()) ?? throw new SmbException(SmbErrorKind.NotFound, 2, "No such file or directory");
        found.LastWriteTime = lastWriteTime;
        return Task.CompletedTask;
    }

    /// <summary>Records a call and throws the failure queued for its operation, if any.</summary>
    internal void Record(string call, string operation)
    {
        Calls.Enqueue(call);
        if (_failures.TryGetValue(operation, out var queue))
        {
            lock (queue)
            {
                if (queue.TryDequeue(out var kind))
                {
                    throw new SmbException(kind, 0, $"Injected {kind}");
                }
            }
        }
    }

    private static string Key(string url) => SmbLocation.TryParse(url, out var location, out var problem)
        ? location.ToUrl()
        : throw new ArgumentException(problem, nameof(url));
}
