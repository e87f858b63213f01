using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Testing.FakeTransport;

/// <summary>A source written only against the pipeline's contract: connect, check the validator, copy the segments.</summary>
internal sealed class FakeSource(FakeRemote remote, Uri uri) : ITransferSource
{
    public string DisplayName => uri.AbsoluteUri;

    public async ValueTask TransferAsync(TransferSession session, CancellationToken cancellationToken)
    {
        var file = remote.Find(uri) ?? throw new TransferFailedException(new TransferFailure(
            TransferErrorCode.SourceNotFound, ErrorContext.RemoteFile, $"No fake file at {uri}.", HttpStatus: null, IsTransient: false));
        file.Connected();
        if (session.IsResuming && session.Checkpoints.ValidatorChanged(file.ETag, lastModified: null))
        {
            session.Restart("the fake file changed");
        }

        var segments = session.Segments;
        segments.RemoteSize = file.Content.Length;
        await session.ConnectedAsync(file.ETag, lastModified: null, rangeUnsupported: false, note: null, cancellationToken);
        while (segments.TryLocate(session.Position, out var index, out var within))
        {
            var reader = new FakeReader(file, segments[index].Offset + within);
            await session.CopyAsync(reader, segments.SegmentLength(index)!.Value - within, stall: null, cancellationToken);
        }
    }
}
