using Microsoft.Win32.SafeHandles;

namespace Orleans.Transfer.Worker.OwnerFiles;

/// <summary>A download's temporary file, open for reading and writing; created or checked with the owner's rights.</summary>
internal interface ITempFile : IDisposable
{
    /// <summary>The open file; reads and writes on it need no identity, the kernel checked access when it was opened.</summary>
    SafeFileHandle Handle { get; }

    /// <summary>Device and inode, for the checkpoint; null where the platform has none.</summary>
    FileIdentity? Identity { get; }

    /// <summary>True when an existing temporary file was kept (a resume); false when the file is new and empty.</summary>
    bool Resumed { get; }

    /// <summary>
    /// Why the temporary path no longer holds the file's <paramref name="position"/> bytes (deleted, replaced,
    /// changed), or null when it does.
    /// </summary>
    string? CheckIntact(long position);

    /// <summary>
    /// True when another regular file now has the temporary name (not this one, and not nothing): in a cluster, maybe
    /// a survivor's that took the job over from this writer (docs/cluster.md, "Fencing"), so the name is not this
    /// writer's to remove.
    /// </summary>
    bool NameHasAnotherFile();
}
