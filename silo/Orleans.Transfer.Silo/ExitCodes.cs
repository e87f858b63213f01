namespace Orleans.Transfer.Silo;

/// <summary>The silo's documented exit codes besides 0 (stopped) and the host's own failures.</summary>
internal static class ExitCodes
{
    /// <summary>Another silo holds the data directory's lock.</summary>
    public const int DataDirectoryInUse = 3;
}
