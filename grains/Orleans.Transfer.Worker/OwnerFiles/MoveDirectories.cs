using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// The directories the moves of one owner-thread trip work in, each opened (<c>O_PATH|O_DIRECTORY</c>, as the owner)
/// the first time a move names it and kept until the trip ends: a job's files share a directory, so its moves open it
/// once per trip instead of once per file (issue 16). Every move still runs its own checks and rename relative to the
/// descriptor, with the trip's one identity; the kernel checks the owner's rights at each rename.
/// </summary>
internal sealed class MoveDirectories : IDisposable
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>The descriptor of <paramref name="path"/>, or minus the errno (not kept: the next move tries again).</summary>
    public int Open(string path)
    {
        if (_open.TryGetValue(path, out var known))
        {
            return known;
        }

        var descriptor = UnixFileCalls.OpenAt(UnixFileCalls.CurrentDirectory, path, UnixOpenFlags.PathOnly | UnixOpenFlags.Directory);
        if (descriptor >= 0)
        {
            _open.Add(path, descriptor);
        }

        return descriptor;
    }

    public void Dispose()
    {
        foreach (var descriptor in _open.Values)
        {
            UnixFileCalls.Close(descriptor);
        }

        _open.Clear();
    }
}
