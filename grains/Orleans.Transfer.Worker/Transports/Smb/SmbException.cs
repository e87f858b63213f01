namespace Orleans.Transfer.Worker;

/// <summary>A failed SMB call: its kind, the platform's error number (errno, or a Win32 error), and what was done.</summary>
internal sealed class SmbException(SmbErrorKind kind, int nativeError, string message, Exception? inner = null)
    : IOException(message, inner)
{
    public SmbErrorKind Kind { get; } = kind;

    /// <summary>errno from libsmbclient, or the Win32 error on Windows; 0 when there is none.</summary>
    public int NativeError { get; } = nativeError;
}
