using Microsoft.Win32.SafeHandles;
using Orleans.Transfer.Platform.Unix;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>
/// Takes a temporary file over from a writer that still holds its lock but will never write again (its silo was
/// declared dead: hung, or cut off). A lock held by another process cannot be broken, so the file is replaced: its
/// bytes are copied into a new file, locked before anyone can see it, which then takes the name with one rename. The
/// old writer keeps its descriptor on the old file, now nameless: whatever it still writes lands there, never in the
/// new file, and its checkpoints find the name holding another file (<see cref="ITempFile.CheckIntact"/>). The copy is
/// made under one private name per temporary file (<see cref="PrivateName"/>), so a copy left behind by a survivor that
/// died before its rename is found and removed by the next open of that temporary file (<see cref="RemoveAbandoned"/>).
/// </summary>
internal static class UnixTempTakeover
{
    private const uint TempFileMode = 0b110_000_000;
    private const int CopyBufferBytes = 1024 * 1024;

    /// <summary>See <see cref="IOwnerFileSystem.TakeOverTempAsync"/>; runs as the owner, like <see cref="UnixOwnerCalls"/>.</summary>
    public static UnixCallResult TakeOver(string directory, string name, FileIdentity? expected, bool resume, uint owner)
    {
        var directoryDescriptor = UnixFileCalls.OpenAt(
            UnixFileCalls.CurrentDirectory, directory, UnixOpenFlags.PathOnly | UnixOpenFlags.Directory);
        if (directoryDescriptor < 0)
        {
            return UnixCallResult.Failed(-directoryDescriptor, "open the destination directory of");
        }

        var folder = new SafeFileHandle(directoryDescriptor, ownsHandle: true);
        var flags = UnixOpenFlags.ReadWrite | UnixOpenFlags.NoFollow | UnixOpenFlags.NonBlocking | UnixOpenFlags.NoControllingTerminal;
        var existing = UnixFileCalls.OpenAt(directoryDescriptor, name, flags);
        var old = existing < 0 ? null : new SafeFileHandle(existing, ownsHandle: true);
        if (old is null
            || UnixFileCalls.TryLockExclusive(existing) != UnixErrno.WouldBlock
            || UnixFileCalls.StatDescriptor(existing, out var status) != 0)
        {
            // Gone, let go of meanwhile (this open may even hold the lock now: closed first), or not a file the
            // service opens: nothing to take over, and the ordinary open decides what to do with the name.
            old?.Dispose();
            folder.Dispose();
            return UnixOwnerCalls.OpenTemp(directory, name, expected, resume, owner);
        }

        var rejected = resume ? UnixOwnerCalls.NotOurs(status, owner, expected) : null;
        var copy = resume && rejected is null;
        var error = Replace(directoryDescriptor, name, copy ? old : null, status.Size, out var file, out var replaced);
        old.Dispose();
        if (error != 0)
        {
            folder.Dispose();
            return error == UnixErrno.WouldBlock ? UnixCallResult.Held() : UnixCallResult.Failed(error, "take over");
        }

        return UnixCallResult.Opened(folder, file!, replaced, resumed: copy, rejected);
    }

    /// <summary>The name a takeover of <paramref name="name"/> copies into before its rename: <c>&lt;temp&gt;.takeover</c>.</summary>
    public static string PrivateName(string name) => name + ".takeover";

    /// <summary>
    /// Removes the copy a takeover of <paramref name="name"/> left in <paramref name="directory"/> when its process died
    /// before the rename: a file at the private name that no process holds. A takeover at work holds its copy's lock
    /// from the moment it creates it (only a takeover of the same file started in that instant could lose its copy, and
    /// it fails, to be retried), and a process's locks go with it, so an unheld copy is nobody's.
    /// </summary>
    public static void RemoveAbandoned(int directory, string name)
    {
        var privateName = PrivateName(name);
        if (UnixFileCalls.StatAt(directory, privateName, followLinks: false, out var status) != 0
            || (status.Type == UnixFileType.Regular && UnixOwnerCalls.HeldByAnother(directory, privateName)))
        {
            return;
        }

        UnixFileCalls.UnlinkAt(directory, privateName);
    }

    /// <summary>
    /// A new file under a private name, locked, holding the first <paramref name="length"/> bytes of
    /// <paramref name="source"/> (none without one), flushed, then renamed over <paramref name="name"/>: 0, or the
    /// errno (<see cref="UnixErrno.WouldBlock"/>: try again later).
    /// </summary>
    private static int Replace(
        int directory, string name, SafeFileHandle? source, long length, out SafeFileHandle? file, out UnixFileStatus status)
    {
        status = default;
        file = null;
        var privateName = PrivateName(name);
        RemoveAbandoned(directory, name);
        var created = UnixFileCalls.OpenAt(
            directory,
            privateName,
            UnixOpenFlags.ReadWrite | UnixOpenFlags.Create | UnixOpenFlags.Exclusive | UnixOpenFlags.NoFollow,
            TempFileMode);
        if (created < 0)
        {
            // Still there after the removal: another takeover of this file is at work; try again later.
            return -created == UnixErrno.Exists ? UnixErrno.WouldBlock : -created;
        }

        var handle = new SafeFileHandle(created, ownsHandle: true);
        var error = UnixFileCalls.TryLockExclusive(created);
        if (error == 0 && source is not null)
        {
            error = Copy(source, handle, length);
        }

        if (error == 0)
        {
            error = UnixFileCalls.StatDescriptor(created, out status);
        }

        if (error == 0)
        {
            error = UnixFileCalls.RenameAt(directory, privateName, directory, name, flags: 0);
        }

        if (error != 0)
        {
            handle.Dispose();
            UnixFileCalls.UnlinkAt(directory, privateName);
            return error;
        }

        file = handle;
        return 0;
    }

    /// <summary>
    /// Copies and flushes: 0, the errno, or <see cref="UnixErrno.WouldBlock"/> when <paramref name="source"/> became
    /// shorter than <paramref name="length"/> meanwhile (its writer is not as hung as its silo's death said: the file
    /// is left to it).
    /// </summary>
    private static int Copy(SafeFileHandle source, SafeFileHandle target, long length)
    {
        try
        {
            var buffer = new byte[CopyBufferBytes];
            for (long position = 0; position < length;)
            {
                var read = RandomAccess.Read(source, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - position)), position);
                if (read == 0)
                {
                    return UnixErrno.WouldBlock;
                }

                RandomAccess.Write(target, buffer.AsSpan(0, read), position);
                position += read;
            }

            RandomAccess.FlushToDisk(target);
            return RandomAccess.GetLength(source) >= length ? 0 : UnixErrno.WouldBlock;
        }
        catch (IOException e)
        {
            // .NET sets the errno as the HResult on Unix.
            return e.HResult is > 0 and < 4096 ? e.HResult : UnixErrno.Invalid;
        }
    }
}
