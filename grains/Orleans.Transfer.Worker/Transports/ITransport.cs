namespace Orleans.Transfer.Worker;

/// <summary>
/// A way to reach remote files, claimed by URL scheme. Each transport lives in a folder of its own under
/// <c>Transports/</c> with its <c>AddXTransport()</c> registration; <see cref="TransportRegistry"/> maps schemes to
/// transports and the pipeline runs whatever source the transport makes.
/// </summary>
internal interface ITransport
{
    /// <summary>A short lowercase name, the metrics' and traces' transport tag (<c>http</c>, <c>file</c>).</summary>
    string Name { get; }

    /// <summary>The lowercase URL schemes this transport claims; no other transport may claim them.</summary>
    IReadOnlyList<string> Schemes { get; }

    /// <summary>False when <paramref name="remote"/> stays reachable while the machine is offline (loopback, local disks).</summary>
    bool NeedsNetwork(RemoteAddress remote);

    /// <summary>
    /// Checks a remote name given as job input and returns the form to store; throws a
    /// <see cref="TransferJobException"/> naming <paramref name="field"/> when this transport cannot use it.
    /// </summary>
    string Normalize(RemoteAddress remote, string field);

    /// <summary>Makes the source of one run that reads <paramref name="remote"/>.</summary>
    ITransferSource CreateSource(RemoteAddress remote);
}
