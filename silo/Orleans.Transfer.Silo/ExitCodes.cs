namespace Orleans.Transfer.Silo;

/// <summary>The silo's documented exit codes besides 0 (stopped) and the host's own failures.</summary>
internal static class ExitCodes
{
    /// <summary>Another silo holds the data directory's lock.</summary>
    public const int DataDirectoryInUse = 3;

    /// <summary>The local API's socket path cannot be bound (relative or too long); the message names the variable to set.</summary>
    public const int InvalidLocalApiAddress = 4;
}
