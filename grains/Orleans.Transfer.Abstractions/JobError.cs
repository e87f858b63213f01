namespace Orleans.Transfer;

/// <summary>The last error a job met (BITS <c>IBackgroundCopyError</c>).</summary>
/// <param name="Code">Stable error code.</param>
/// <param name="Context">Where the error came from.</param>
/// <param name="Message">What happened and what to do, for people.</param>
/// <param name="HttpStatus">The HTTP status, when the server sent one.</param>
/// <param name="FileIndex">Index of the file being transferred.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.JobError")]
public sealed record JobError(TransferErrorCode Code, ErrorContext Context, string Message, int? HttpStatus, int FileIndex);
