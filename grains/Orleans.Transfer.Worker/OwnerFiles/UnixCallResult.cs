using Microsoft.Win32.SafeHandles;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// What one <see cref="UnixOwnerCalls"/> operation found, made on an owner's thread and read after it (no exception
/// is built there): an errno and the step it failed at, a file type refused, a temporary file that is not the
/// service's, or the descriptors opened.
/// </summary>
internal sealed class UnixCallResult : IDisposable
{
    private SafeFileHandle? _file;
    private SafeFileHandle? _directory;

    public int Errno { get; private init; }

    public string Step { get; private init; } = "";

    /// <summary>Set when a file of this type is where only a regular file may be.</summary>
    public UnixFileType? Refused { get; private init; }

    /// <summary>Why the file at a temporary name is not the service's, when that stopped the operation.</summary>
    public string? NotOurs { get; private init; }

    /// <summary>Why an existing temporary file was not resumed (a new one was created instead).</summary>
    public string? Rejected { get; private init; }

    /// <summary>Set when another open of the temporary file holds its lock: another writer is at work on it.</summary>
    public bool Busy { get; private init; }

    public UnixFileStatus Status { get; private init; }

    public bool Resumed { get; private init; }

    public bool Succeeded => Errno == 0 && Refused is null && NotOurs is null && !Busy;

    public static UnixCallResult Ok { get; } = new();

    public static UnixCallResult Failed(int errno, string step) => new() { Errno = errno, Step = step };

    public static UnixCallResult OfType(UnixFileType type) => new() { Refused = type };

    public static UnixCallResult Foreign(string reason) => new() { NotOurs = reason };

    public static UnixCallResult Held() => new() { Busy = true };

    public static UnixCallResult Opened(
        SafeFileHandle? directory, SafeFileHandle file, UnixFileStatus status, bool resumed = false, string? rejected = null) =>
        new() { _directory = directory, _file = file, Status = status, Resumed = resumed, Rejected = rejected };

    /// <summary>Hands the opened file to the caller, who disposes it from then on.</summary>
    public SafeFileHandle TakeFile() => Take(ref _file);

    /// <summary>Hands the directory descriptor to the caller, who disposes it from then on.</summary>
    public SafeFileHandle TakeDirectory() => Take(ref _directory);

    public void Dispose()
    {
        _file?.Dispose();
        _directory?.Dispose();
    }

    private static SafeFileHandle Take(ref SafeFileHandle? handle)
    {
        var taken = handle ?? throw new InvalidOperationException("Nothing was opened, or it was taken already.");
        handle = null;
        return taken;
    }
}
