namespace Orleans.Transfer.Worker;

/// <summary>What a <see cref="TransferEvent"/> reports.</summary>
public enum TransferEventKind
{
    /// <summary>
    /// The source answered and bytes are about to flow from the checkpoint's position: reset to zero, or (an upload)
    /// where the receiver says it holds.
    /// </summary>
    Connected = 0,

    /// <summary>The sink is durable up to the checkpoint (at most every 8 MiB or 2 s): on disk, or acknowledged by the receiver.</summary>
    Checkpoint = 1,

    /// <summary>The whole file is in the sink and durable. Always the last event of a successful run.</summary>
    Completed = 2,

    /// <summary>The run failed; always the last event of a failed run.</summary>
    Failed = 3,
}
