namespace Orleans.Transfer.Silo;

/// <summary>
/// An exclusive lock on <c>silo.lock</c> in the data directory, held for the life of the process: two silos on one data
/// directory would both resume the same jobs and write the same temporary files. The operating system releases it when
/// the process ends, even by SIGKILL.
/// </summary>
internal static class DataDirectoryLock
{
    /// <summary>The held lock, or null when another process holds it.</summary>
    public static FileStream? TryAcquire(string dataDirectory)
    {
        try
        {
            return new FileStream(Path.Combine(dataDirectory, "silo.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
