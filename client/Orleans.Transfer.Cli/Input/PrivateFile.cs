namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// Writes files only their owner may read (mode 0600 on Unix; on Windows the directory's inherited ACL, unverified):
/// replies and password hashes. A new file is created with O_EXCL, so an existing one is never overwritten by a race; a
/// replacement is written beside the file and renamed over it, so readers see the old or the new file whole and the old
/// file's mode never applies.
/// </summary>
internal static class PrivateFile
{
    /// <summary>Creates <paramref name="path"/>, which must not exist.</summary>
    /// <param name="path">An absolute path.</param>
    /// <param name="data">The file's bytes.</param>
    /// <param name="option">The option that named the file, for messages.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <exception cref="UsageException">The file exists or cannot be written.</exception>
    public static async Task CreateAsync(string path, ReadOnlyMemory<byte> data, string option, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(path, data, cancellationToken);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new UsageException($"{option}: '{path}' exists; add --force to replace it.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot write '{path}': {ex.Message}");
        }
    }

    /// <summary>Creates or atomically replaces <paramref name="path"/>.</summary>
    /// <param name="path">An absolute path.</param>
    /// <param name="data">The file's bytes.</param>
    /// <param name="option">The option that named the file, for messages.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <exception cref="UsageException">The file cannot be written.</exception>
    public static async Task ReplaceAsync(string path, ReadOnlyMemory<byte> data, string option, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await WriteAsync(temporary, data, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            File.Delete(temporary);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new UsageException($"{option}: cannot write '{path}': {ex.Message}");
        }
    }

    private static async Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(data, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
