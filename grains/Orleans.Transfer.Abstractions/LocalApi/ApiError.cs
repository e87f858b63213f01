namespace Orleans.Transfer.LocalApi;

/// <summary>The body of every local API answer that is not a success: the client rebuilds the <see cref="TransferJobException"/> from it.</summary>
/// <param name="Code">The stable error code.</param>
/// <param name="Message">What went wrong and what to do.</param>
/// <param name="Field">The input field at fault, or null.</param>
public sealed record ApiError(TransferErrorCode Code, string Message, string? Field);
