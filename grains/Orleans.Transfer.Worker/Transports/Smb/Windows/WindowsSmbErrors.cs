namespace Orleans.Transfer.Worker;

/// <summary>
/// What a Win32 error from the SMB redirector means for a transfer, and the message for it. Built from the Win32
/// documentation; unverified against a Windows share here.
/// </summary>
internal static class WindowsSmbErrors
{
    /// <summary>ERROR_SESSION_CREDENTIAL_CONFLICT: Windows keeps one user per server and logon session.</summary>
    public const int SessionCredentialConflict = 1219;

    private const int Win32Facility = 7;

    private static readonly Dictionary<int, (string Name, SmbErrorKind Kind)> s_table = new()
    {
        [2] = ("ERROR_FILE_NOT_FOUND", SmbErrorKind.NotFound),
        [3] = ("ERROR_PATH_NOT_FOUND", SmbErrorKind.NotFound),
        [5] = ("ERROR_ACCESS_DENIED", SmbErrorKind.AccessDenied),
        [39] = ("ERROR_HANDLE_DISK_FULL", SmbErrorKind.NoSpace),
        [51] = ("ERROR_REM_NOT_LIST", SmbErrorKind.Unreachable),
        [53] = ("ERROR_BAD_NETPATH", SmbErrorKind.Unreachable),
        [59] = ("ERROR_UNEXP_NET_ERR", SmbErrorKind.ConnectionLost),
        [64] = ("ERROR_NETNAME_DELETED", SmbErrorKind.ConnectionLost),
        [65] = ("ERROR_NETWORK_ACCESS_DENIED", SmbErrorKind.AccessDenied),
        [67] = ("ERROR_BAD_NET_NAME", SmbErrorKind.ShareNotFound),
        [112] = ("ERROR_DISK_FULL", SmbErrorKind.NoSpace),
        [121] = ("ERROR_SEM_TIMEOUT", SmbErrorKind.ConnectionLost),
        [267] = ("ERROR_DIRECTORY", SmbErrorKind.IsDirectory),
        [1203] = ("ERROR_NO_NET_OR_BAD_PATH", SmbErrorKind.Unreachable),
        [SessionCredentialConflict] = ("ERROR_SESSION_CREDENTIAL_CONFLICT", SmbErrorKind.Other),
        [1222] = ("ERROR_NO_NETWORK", SmbErrorKind.Unreachable),
        [1231] = ("ERROR_NETWORK_UNREACHABLE", SmbErrorKind.Unreachable),
        [1232] = ("ERROR_HOST_UNREACHABLE", SmbErrorKind.Unreachable),
        [1236] = ("ERROR_CONNECTION_ABORTED", SmbErrorKind.ConnectionLost),
        [1311] = ("ERROR_NO_LOGON_SERVERS", SmbErrorKind.Unreachable),
        [1326] = ("ERROR_LOGON_FAILURE", SmbErrorKind.AuthenticationFailed),
        [1327] = ("ERROR_ACCOUNT_RESTRICTION", SmbErrorKind.AuthenticationFailed),
        [1330] = ("ERROR_PASSWORD_EXPIRED", SmbErrorKind.AuthenticationFailed),
        [1331] = ("ERROR_ACCOUNT_DISABLED", SmbErrorKind.AuthenticationFailed),
        [1460] = ("ERROR_TIMEOUT", SmbErrorKind.ConnectionLost),
        [1909] = ("ERROR_ACCOUNT_LOCKED_OUT", SmbErrorKind.AuthenticationFailed),
    };

    public static SmbErrorKind Kind(int error) => s_table.TryGetValue(error, out var entry) ? entry.Kind : SmbErrorKind.Other;

    public static string Name(int error) => s_table.TryGetValue(error, out var entry) ? entry.Name : $"Win32 error {error}";

    /// <summary>The Win32 error an I/O exception carries (its HRESULT is HRESULT_FROM_WIN32), or 0.</summary>
    public static int ErrorOf(Exception exception) => exception switch
    {
        UnauthorizedAccessException => 5,
        _ when ((exception.HResult >> 16) & 0x1FFF) == Win32Facility => exception.HResult & 0xFFFF,
        FileNotFoundException => 2,
        DirectoryNotFoundException => 3,
        _ => 0,
    };

    /// <summary>The exception for a failed call: <paramref name="action"/> reads "open for reading" and the like.</summary>
    public static SmbException Exception(int error, string action, SmbLocation location, Exception? inner = null)
    {
        var kind = Kind(error);
        var advice = error == SessionCredentialConflict
            ? "Windows lets one logon session use only one user per server: another connection to this server uses a different user."
            : SmbcErrors.Advice(kind);
        var detail = inner is null ? Name(error) : $"{Name(error)}: {inner.Message}";
        return new SmbException(kind, error, $"Could not {action} {location.ToUncPath()} ({detail}). {advice}", inner);
    }

    /// <summary>The exception for a failed file API call.</summary>
    public static SmbException Exception(Exception exception, string action, SmbLocation location) =>
        Exception(ErrorOf(exception), action, location, exception);
}
