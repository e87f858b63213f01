namespace Orleans.Transfer.Silo.Uploads;

/// <summary>
/// <c>XFER_UPLOAD_ROOT</c> and <c>XFER_UPLOAD_PORT</c> as configuration keys: the root becomes one Anonymous virtual
/// directory <c>/uploads</c> appended to those of <c>Transfer:Uploads:Directories</c> (under its own key, so it never
/// merges with a configured one).
/// </summary>
internal static class UploadEnvironment
{
    public const string RootVariable = "XFER_UPLOAD_ROOT";

    public const string PortVariable = "XFER_UPLOAD_PORT";

    /// <summary>The virtual directory <c>XFER_UPLOAD_ROOT</c> serves.</summary>
    public const string DirectoryPath = "/uploads";

    public static IEnumerable<KeyValuePair<string, string?>> Read()
    {
        if (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root)
        {
            const string Directory = "Transfer:Uploads:Directories:" + RootVariable;
            yield return new(Directory + ":Path", DirectoryPath);
            yield return new(Directory + ":Root", root);
            yield return new(Directory + ":Authentication", "Anonymous");
        }

        if (Environment.GetEnvironmentVariable(PortVariable) is { Length: > 0 } port)
        {
            yield return new("Transfer:Uploads:Port", port);
        }
    }
}
