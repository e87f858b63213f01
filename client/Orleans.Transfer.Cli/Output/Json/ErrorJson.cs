namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>A job's last error in JSON.</summary>
internal sealed record ErrorJson(TransferErrorCode Code, ErrorContext Context, string Message, int? HttpStatus, int FileIndex)
{
    public static ErrorJson From(JobError error) =>
        new(error.Code, error.Context, error.Message, error.HttpStatus, error.FileIndex);
}
