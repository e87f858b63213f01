namespace Orleans.Transfer.Worker;

/// <summary>Opens the rest of one segment on its own connection (an HTTP range request validated with If-Range).</summary>
internal interface ISegmentOpener
{
    /// <summary>
    /// A body of the segment's bytes from <see cref="SegmentProgress.Position"/> to its end. Throws
    /// <see cref="SegmentRestartException"/> when the remote file is not the one the segments belong to,
    /// <see cref="TransientNetworkException"/> for a connection that may work again, else
    /// <see cref="TransferFailedException"/>.
    /// </summary>
    ValueTask<ISegmentBody> OpenAsync(SegmentProgress segment, StallTimer stall, CancellationToken cancellationToken);
}
