namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>The HRESULTs and error contexts an Ack carries (digest §4–§5).</summary>
internal static class BitsErrors
{
    public const uint SessionNotFound = 0x8020001F;
    public const uint TooLarge = 0x80200020;
    public const uint AccessDenied = 0x80070005;
    public const uint InvalidArgument = 0x80070057;

    /// <summary>ERROR_DISK_FULL (112) as an HRESULT; the digest's 0x80070112 writes the decimal 112 as hex.</summary>
    public const uint DiskFull = 0x80070070;

    /// <summary>ERROR_BUSY as an HRESULT: the server holds its most sessions (503).</summary>
    public const uint Busy = 0x800700AA;

    /// <summary>E_FAIL: an unexpected failure of the server itself.</summary>
    public const uint Failed = 0x80004005;

    /// <summary>BG_E_HTTP_ERROR_xxx is 0x80190000 plus the HTTP status: how an application's status is reported.</summary>
    public const uint HttpErrorBase = 0x80190000;

    /// <summary>The BITS server raised the error.</summary>
    public const int ContextServer = 0x5;

    /// <summary>The server application (the notification URL) raised the error.</summary>
    public const int ContextApplication = 0x7;
}
