namespace Orleans.Transfer.Worker;

/// <summary>Failures of a job's handler settings, found when a run starts: fatal, with what to change.</summary>
internal static class HttpHandlerFailures
{
    public static TransferFailure InvalidProxy(string problem) => new(
        TransferErrorCode.InvalidProxy,
        ErrorContext.Transport,
        $"The job's proxy settings cannot be used: {problem}",
        HttpStatus: null,
        IsTransient: false);

    public static TransferFailure ClientCertificateInvalid(string problem) => new(
        TransferErrorCode.ClientCertificateInvalid,
        ErrorContext.Transport,
        $"The job's client certificate cannot be used: {problem} Set it again, then resume the job.",
        HttpStatus: null,
        IsTransient: false);
}
