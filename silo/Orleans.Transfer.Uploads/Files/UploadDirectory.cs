using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Uploads.Authentication;

namespace Orleans.Transfer.Uploads.Files;

/// <summary>
/// A mapped virtual directory as the server uses it: its validated options, its root as a full path, its password
/// file when it uses Basic, and the names of a session's files. A session's partial and reply files sit beside the
/// destination (so the final rename stays on one file system) under names starting with '.', which no upload may use.
/// </summary>
internal sealed class UploadDirectory(BitsVirtualDirectoryOptions options, BasicPasswordFile? passwords)
{
    public BitsVirtualDirectoryOptions Options { get; } = options;

    public string Path => Options.Path;

    public string Root { get; } = System.IO.Path.GetFullPath(options.Root);

    public BasicPasswordFile? Passwords { get; } = passwords;

    /// <summary>
    /// Whose rights every file operation under the root is made with: the configured account, else, in a service running
    /// as root on Linux, the root directory's owner. Root's own rights would let a link planted in a directory that users
    /// can write redirect the server's writes anywhere; the root's owner can write only where it already may.
    /// </summary>
    public string? Account { get; } = options.Account ?? RootOwner(System.IO.Path.GetFullPath(options.Root));

    /// <summary>How many segments the directory's path has: the raw target's first ones, skipped to find the file.</summary>
    public int Segments { get; } = options.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;

    public string DestinationOf(string relative) =>
        System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public string PartialOf(string relative, string sessionId) => Beside(relative, sessionId, "part");

    public string ReplyOf(string relative, string sessionId) => Beside(relative, sessionId, "reply");

    /// <summary>The session id without braces or dashes, as it appears in file names and reply URLs.</summary>
    public static string Compact(string sessionId) =>
        Guid.TryParse(sessionId, out var id) ? id.ToString("N") : throw new ArgumentException("Not a session id.", nameof(sessionId));

    private static string? RootOwner(string root) =>
        OperatingSystem.IsLinux()
            && UnixAccounts.EffectiveUserId() == 0
            && UnixFileCalls.StatAt(UnixFileCalls.CurrentDirectory, root, followLinks: true, out var status) == 0
            && status.UserId != 0
            ? $"unix:{status.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : null;

    private string Beside(string relative, string sessionId, string kind) =>
        System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(DestinationOf(relative))!,
            $".bits-{Compact(sessionId)}.{kind}");
}
