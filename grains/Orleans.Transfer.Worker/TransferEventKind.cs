namespace Orleans.Transfer.Worker;

/// <summary>What a <see cref="TransferEvent"/> reports.</summary>
public enum TransferEventKind
{
    /// <summary>The server answered and bytes are about to flow; the checkpoint may have been reset to zero.</summary>
    Connected = 0,

    /// <summary>The temp file is durably written up to the checkpoint (at most every 8 MiB or 2 s).</summary>
    Checkpoint = 1,

    /// <summary>The whole file is in the temp file and flushed to disk. Always the last event of a successful run.</summary>
    Completed = 2,

    /// <summary>The run failed; always the last event of a failed run.</summary>
    Failed = 3,
}
