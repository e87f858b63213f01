namespace Orleans.Transfer;

/// <summary>
/// A job operation was refused: bad input, an unknown job, or an operation the job's state does not allow.
/// Nothing was changed. <see cref="Code"/> is stable; <see cref="Field"/> names the offending input when there is one.
/// </summary>
[GenerateSerializer, Alias("Orleans.Transfer.TransferJobException")]
public sealed class TransferJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">Stable error code.</param>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="field">The input field at fault, if any (for example <c>files[0].localPath</c>).</param>
    public TransferJobException(TransferErrorCode code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    /// <summary>Stable error code.</summary>
    [Id(0)]
    public TransferErrorCode Code { get; }

    /// <summary>The input field at fault, if any.</summary>
    [Id(1)]
    public string? Field { get; }
}
