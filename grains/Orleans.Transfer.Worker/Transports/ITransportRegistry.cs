using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>
/// The one mapping from remote URL schemes to transports, per direction (registered by <c>AddTransferWorker</c>; each
/// <c>AddXTransport()</c> adds its schemes for the directions it supports). Validate job input with it, so that what
/// a job accepts is exactly what the worker can transfer:
/// <code>
/// string remoteUrl = transports.Resolve(file.RemoteUrl, "files[0].remoteUrl").RemoteName;
/// string uploadUrl = transports.Resolve(file.RemoteUrl, "files[0].remoteUrl", TransferDirection.Upload).RemoteName;
/// </code>
/// <see cref="Resolve"/> accepts an absolute URL whose scheme a transport claims for the direction (http, https and
/// file downloads by default), or an absolute local path (returned as a file URL), and throws a
/// <see cref="TransferJobException"/> whose <see cref="TransferJobException.Field"/> is the given field name and whose
/// code is <see cref="TransferErrorCode.InvalidUrl"/> (missing, not absolute, no host),
/// <see cref="TransferErrorCode.UrlTooLong"/> (over <see cref="JobLimits.MaxUrlLength"/> characters) or
/// <see cref="TransferErrorCode.UnsupportedScheme"/> (no transport claims the scheme for the direction, saying so when
/// it serves only the other one, or the transport cannot use this kind of name, such as a file URL on another host).
/// Thread-safe.
/// </summary>
public interface ITransportRegistry
{
    /// <summary>Every scheme a registered transport claims, for either direction, in registration order.</summary>
    IReadOnlyList<string> Schemes { get; }

    /// <summary>Validates and normalises a remote name given as job input; see the type's summary for the errors.</summary>
    /// <param name="remoteUrl">An absolute URL or an absolute local path.</param>
    /// <param name="field">The input field, named in messages and in <see cref="TransferJobException.Field"/>.</param>
    /// <param name="direction">Whether the remote is read (a download's source) or written (an upload's destination).</param>
    ResolvedRemote Resolve(string? remoteUrl, string field, TransferDirection direction = TransferDirection.Download);
}
