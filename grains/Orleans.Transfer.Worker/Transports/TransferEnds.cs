namespace Orleans.Transfer.Worker;

/// <summary>The source and sink of one run, and the remote side's name for messages.</summary>
internal sealed record TransferEnds(ITransferSource Source, ITransferSink Sink, string RemoteName);
