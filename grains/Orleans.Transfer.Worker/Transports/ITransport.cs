namespace Orleans.Transfer.Worker;

/// <summary>
/// A way to reach remote files, claimed by URL scheme. Each transport lives in a folder of its own under
/// <c>Transports/</c> with its <c>AddXTransport()</c> registration of an <see cref="ITransport"/> singleton, and
/// implements <see cref="IDownloadTransport"/> (it makes the source of a download), <see cref="IUploadTransport"/>
/// (it makes the sink of an upload), or both: that is how it says which directions it supports.
/// <see cref="TransportRegistry"/> maps (scheme, direction) to one transport; the pipeline supplies the local side
/// (the temp file a download writes, the local file an upload reads) and runs the rest.
/// </summary>
internal interface ITransport
{
    /// <summary>A short lowercase name, the metrics' and traces' transport tag (<c>http</c>, <c>file</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The lowercase URL schemes this transport claims for each direction it supports; no other transport may claim
    /// them for the same direction (a BITS upload transport may claim http next to the http download transport).
    /// </summary>
    IReadOnlyList<string> Schemes { get; }

    /// <summary>False when <paramref name="remote"/> stays reachable while the machine is offline (loopback, local disks).</summary>
    bool NeedsNetwork(RemoteAddress remote);

    /// <summary>
    /// False when the transport can only move whole files (SMB, B07): a download job refuses byte ranges for its names.
    /// </summary>
    bool SupportsRanges => true;

    /// <summary>
    /// Checks a remote name given as job input and returns the form to store; throws a
    /// <see cref="TransferJobException"/> naming <paramref name="field"/> when this transport cannot use it.
    /// </summary>
    string Normalize(RemoteAddress remote, string field);
}
