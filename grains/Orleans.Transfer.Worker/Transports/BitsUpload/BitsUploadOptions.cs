using System.ComponentModel.DataAnnotations;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The BITS upload client's fragment sizing, response timeout and Close/Cancel-Session retries; validated at start
/// (<see cref="BitsUploadOptionsValidator"/>). docs/uploads.md explains each.
/// </summary>
public sealed class BitsUploadOptions
{
    /// <summary>The configuration section, under the worker's: <c>Transfer:Worker:BitsUpload</c>.</summary>
    public const string SectionName = "Transfer:Worker:BitsUpload";

    /// <summary>The smallest fragment the client shrinks to (Windows' floor, [MC-BUP] note 16): 5 KiB.</summary>
    public const int MinimumFragmentBytes = 5 * 1024;

    /// <summary>The first fragment's size. Default 64 KiB; at least 5 KiB and at most <see cref="MaxFragmentBytes"/>.</summary>
    [Range(MinimumFragmentBytes, int.MaxValue)]
    public int InitialFragmentBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The largest fragment, and the one buffer each upload holds. Default 16 MiB (Windows sends up to 13 MB); at most
    /// 256 MiB.
    /// </summary>
    [Range(MinimumFragmentBytes, 256 * 1024 * 1024)]
    public int MaxFragmentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// A fragment acknowledged within this time doubles the next one's size (up to <see cref="MaxFragmentBytes"/>); 413
    /// and failed fragments halve it. Default 1 second; more than zero.
    /// </summary>
    public TimeSpan FastAck { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the client waits for one Ack. Default 5 minutes ([MC-BUP] §3.1.2; an upload-reply's last Ack waits for
    /// the server application); more than zero.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times Close-Session is resent after a 5xx or no answer. Default 3; 0 to 10.</summary>
    [Range(0, 10)]
    public int CloseRetryCount { get; set; } = 3;

    /// <summary>The wait before resending Close-Session, doubled each time. Default 1 second; more than zero.</summary>
    public TimeSpan CloseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a cancelled upload's Cancel-Session keeps being retried while the server is unreachable or answers 5xx
    /// (B36). Default 24 hours; more than zero.
    /// </summary>
    public TimeSpan CancelRetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first wait before resending Cancel-Session, doubled up to 10 minutes. Default 5 seconds; more than zero.</summary>
    public TimeSpan CancelRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
}
