namespace Orleans.Transfer.Worker;

/// <summary>Names of the temporary files a job downloads into before Complete renames them.</summary>
public static class TempFileNames
{
    /// <summary>
    /// The temp file for <paramref name="localPath"/> in job <paramref name="jobId"/>:
    /// <c>&lt;dir&gt;/.&lt;name&gt;.xfer-&lt;jobId:N&gt;.tmp</c>. It lives in the destination directory so the final
    /// rename stays on one file system, is hidden (dot name) on Unix, and names the job so jobs never collide.
    /// </summary>
    /// <param name="localPath">Absolute destination path of the file.</param>
    /// <param name="jobId">The job that downloads it.</param>
    public static string For(string localPath, Guid jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        var directory = Path.GetDirectoryName(localPath)
            ?? throw new ArgumentException($"'{localPath}' has no directory.", nameof(localPath));
        var name = Path.GetFileName(localPath);
        if (name.Length == 0)
        {
            throw new ArgumentException($"'{localPath}' names a directory, not a file.", nameof(localPath));
        }

        return Path.Combine(directory, $".{name}.xfer-{jobId:N}.tmp");
    }
}
