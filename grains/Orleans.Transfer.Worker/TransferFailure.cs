namespace Orleans.Transfer.Worker;

/// <summary>Why a file transfer stopped.</summary>
/// <param name="Code">Stable error code.</param>
/// <param name="Context">Where the error came from.</param>
/// <param name="Message">What happened and what to do.</param>
/// <param name="HttpStatus">The HTTP status, when the server sent one.</param>
/// <param name="IsTransient">True when retrying later may succeed (job goes to TransientError), false for Error.</param>
/// <param name="RetryAfter">The server's Retry-After, when it sent one.</param>
public sealed record TransferFailure(
    TransferErrorCode Code,
    ErrorContext Context,
    string Message,
    int? HttpStatus,
    bool IsTransient,
    TimeSpan? RetryAfter = null);
