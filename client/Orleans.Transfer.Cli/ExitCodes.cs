namespace Orleans.Transfer.Cli;

/// <summary>The process exit codes of <c>xfer</c>. They are a scripting contract: documented in docs/cli.md, never renumbered.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (for <c>transfer</c>: the files are in place).</summary>
    public const int Success = 0;

    /// <summary>The job stopped in the Error state; it stays in the service for inspection.</summary>
    public const int JobFailed = 1;

    /// <summary>The command line is invalid: unknown command, missing or malformed argument or option.</summary>
    public const int Usage = 2;

    /// <summary>The service refused the operation (a <see cref="TransferJobException"/>); its code is printed.</summary>
    public const int Refused = 3;

    /// <summary>The service could not be reached or started.</summary>
    public const int ServiceUnavailable = 4;

    /// <summary>The job ended without its files in place: it was cancelled, or is in another non-success state.</summary>
    public const int NotCompleted = 5;

    /// <summary>Anything else: an unexpected error, or the service did not stop in time.</summary>
    public const int Failure = 6;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT); a background job keeps running.</summary>
    public const int Interrupted = 130;
}
