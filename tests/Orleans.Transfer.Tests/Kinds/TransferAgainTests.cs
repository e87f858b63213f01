using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.Kinds.Download;
using Orleans.Transfer.Grains.Kinds.Upload;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Kinds;

/// <summary>
/// Which kinds may transfer their files again after a crash (<see cref="IJobKind.MayTransferAgain"/>), so that a silo
/// that runs alone writes a self-completing job's Transferred with its Acknowledged: downloads only, as an upload's
/// server may act on every upload it commits.
/// </summary>
public sealed class TransferAgainTests
{
    private static readonly ITransportRegistry s_transports =
        new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider().GetRequiredService<ITransportRegistry>();

    /// <summary>Adds: the one kind whose Transferred write may wait for its Acknowledged one, and the two that may not.</summary>
    [Fact]
    public void OnlyADownload_MayTransferAgain()
    {
        IJobKind download = new DownloadJobKind(s_transports, new GatedFileFinisher(), NullLogger<DownloadJobKind>.Instance);
        IJobKind upload = new UploadJobKind(s_transports, [], new NoCleanup(), NullLogger<UploadSessions>.Instance);
        IJobKind uploadReply = new UploadReplyJobKind(s_transports, new GatedFileFinisher(), [], NullLogger<UploadSessions>.Instance);

        Assert.Equal((true, false, false), (download.MayTransferAgain, upload.MayTransferAgain, uploadReply.MayTransferAgain));
    }

    private sealed class NoCleanup : IUploadCleanup
    {
        public void DiscardInBackground(FileTransferRequest request)
        {
        }
    }
}
