using System.Runtime.InteropServices;

namespace Orleans.Transfer.Worker;

/// <summary>
/// What an errno from libsmbclient means for a transfer (Linux numbering, as on x86-64 and arm64), and the message that
/// says what was tried, on which smb URL and what to do about it.
/// </summary>
internal static class SmbcErrors
{
    private static readonly Dictionary<int, (string Name, SmbErrorKind Kind)> s_table = new()
    {
        [1] = ("EPERM", SmbErrorKind.AccessDenied),
        [2] = ("ENOENT", SmbErrorKind.NotFound),
        [5] = ("EIO", SmbErrorKind.ConnectionLost),
        [9] = ("EBADF", SmbErrorKind.ConnectionLost),
        [13] = ("EACCES", SmbErrorKind.AccessDenied),
        [19] = ("ENODEV", SmbErrorKind.ShareNotFound),
        [20] = ("ENOTDIR", SmbErrorKind.NotFound),
        [21] = ("EISDIR", SmbErrorKind.IsDirectory),
        [28] = ("ENOSPC", SmbErrorKind.NoSpace),
        [32] = ("EPIPE", SmbErrorKind.ConnectionLost),
        [99] = ("EADDRNOTAVAIL", SmbErrorKind.Unreachable),
        [100] = ("ENETDOWN", SmbErrorKind.Unreachable),
        [101] = ("ENETUNREACH", SmbErrorKind.Unreachable),
        [102] = ("ENETRESET", SmbErrorKind.ConnectionLost),
        [103] = ("ECONNABORTED", SmbErrorKind.ConnectionLost),
        [104] = ("ECONNRESET", SmbErrorKind.ConnectionLost),
        [107] = ("ENOTCONN", SmbErrorKind.ConnectionLost),
        [110] = ("ETIMEDOUT", SmbErrorKind.ConnectionLost),
        [111] = ("ECONNREFUSED", SmbErrorKind.Unreachable),
        [112] = ("EHOSTDOWN", SmbErrorKind.Unreachable),
        [113] = ("EHOSTUNREACH", SmbErrorKind.Unreachable),
        [122] = ("EDQUOT", SmbErrorKind.NoSpace),
    };

    /// <summary>The kind of failure <paramref name="errno"/> is; <see cref="SmbErrorKind.Other"/> when unknown.</summary>
    public static SmbErrorKind Kind(int errno) => s_table.TryGetValue(errno, out var entry) ? entry.Kind : SmbErrorKind.Other;

    /// <summary>The symbolic name (ENOENT), or the number when unknown.</summary>
    public static string Name(int errno) => s_table.TryGetValue(errno, out var entry) ? entry.Name : $"errno {errno}";

    /// <summary>True when the context's connection is suspect after this failure and must not be reused.</summary>
    public static bool BreaksConnection(SmbErrorKind kind) => kind is SmbErrorKind.ConnectionLost or SmbErrorKind.Unreachable;

    /// <summary>The exception for a failed call: <paramref name="action"/> reads "open for reading" and the like.</summary>
    public static SmbException Exception(int errno, string action, SmbLocation location) => Exception(Kind(errno), errno, action, location);

    /// <summary>The exception for a failure of a known kind.</summary>
    public static SmbException Exception(SmbErrorKind kind, int errno, string action, SmbLocation location)
    {
        var reason = errno == 0 ? "the call failed without an error number" : $"{Marshal.GetPInvokeErrorMessage(errno)} ({Name(errno)})";
        return new SmbException(kind, errno, $"Could not {action} {location.ToUrl()}: {reason}. {Advice(kind)}");
    }

    /// <summary>What the user can do about a failure of <paramref name="kind"/>.</summary>
    public static string Advice(SmbErrorKind kind) => kind switch
    {
        SmbErrorKind.NotFound => "Check the path: the file, or a directory on the way to it, does not exist on the share.",
        SmbErrorKind.ShareNotFound => "Check the share's name (smbclient -L //server lists them).",
        SmbErrorKind.AccessDenied => "Give the user access to the file on the server, or use a credential that has it.",
        SmbErrorKind.AuthenticationFailed =>
            "The server refused the credential: check the user name, domain and password of the job's server credential (xfer --user), and that the user may use the share.",
        SmbErrorKind.Unreachable => "Check that the server is up and reachable on its SMB port; the job retries.",
        SmbErrorKind.ConnectionLost => "The connection broke or timed out; the job retries and resumes where it stopped.",
        SmbErrorKind.NoSpace => "Free space on the share, or raise the user's quota.",
        SmbErrorKind.IsDirectory => "Name a file, not a directory.",
        SmbErrorKind.ClientMissing => $"Install the Debian package {SmbcLibrary.DebianPackage} (apt-get install {SmbcLibrary.DebianPackage}).",
        _ => "See the server's log for details.",
    };
}
