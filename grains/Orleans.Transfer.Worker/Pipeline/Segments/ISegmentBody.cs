namespace Orleans.Transfer.Worker;

/// <summary>One segment's bytes as they arrive on its connection; disposing closes the connection's response.</summary>
internal interface ISegmentBody : ISourceReader, IAsyncDisposable;
