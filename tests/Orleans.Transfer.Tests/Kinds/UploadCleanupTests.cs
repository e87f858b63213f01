using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Grains.Kinds.Upload;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Kinds;

/// <summary>B36, B44: cancelling an upload hands its remote leftovers (an SMB upload's temp file) to the worker's clean-up.</summary>
public sealed class UploadCleanupTests
{
    private static readonly ITransportRegistry s_transports =
        new ServiceCollection().AddLogging().AddTransferWorker().BuildServiceProvider().GetRequiredService<ITransportRegistry>();

    [Fact]
    public void ReleaseRemote_SmbUpload_AsksTheCleanupForTheUploadsRequest()
    {
        var cleanup = new RecordingCleanup();
        var kind = new UploadJobKind(s_transports, [], cleanup, NullLogger<UploadSessions>.Instance);
        var jobId = Guid.NewGuid();
        var file = new JobFileState { RemoteUrl = "smb://127.0.0.1/xfer/in/report.zip", LocalPath = "/tmp/report.zip", TempPath = "/tmp/report.zip" };
        var request = new FileTransferRequest(jobId, 0, file.RemoteUrl, file.TempPath, [], FileCheckpoint.Empty);

        kind.ReleaseRemote(jobId, file, request);

        var released = Assert.Single(cleanup.Requests);
        Assert.Equal((jobId, 0, file.RemoteUrl, TransferDirection.Upload), (released.JobId, released.FileIndex, released.RemoteUrl, released.Direction));
    }

    private sealed class RecordingCleanup : IUploadCleanup
    {
        public List<FileTransferRequest> Requests { get; } = [];

        public void DiscardInBackground(FileTransferRequest request) => Requests.Add(request);
    }
}
