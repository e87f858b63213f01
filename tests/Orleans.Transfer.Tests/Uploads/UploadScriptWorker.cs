using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Tests.Jobs;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.Uploads;

/// <summary>
/// The silo's real worker for downloads (an upload-reply job's reply comes from a real origin), with every upload run
/// handed to the test to script, as the BITS upload transport would report it.
/// </summary>
internal sealed class UploadScriptWorker(ITransferWorker inner, UploadRuns runs) : ITransferWorker
{
    public TransferRun Start(FileTransferRequest request, CancellationToken cancellationToken)
    {
        if (request.Direction == TransferDirection.Upload)
        {
            var run = new ScriptedRun(request, cancellationToken);
            runs.AddUpload(run);
            return run.Run;
        }

        runs.AddDownload(request);
        return inner.Start(request, cancellationToken);
    }

    public void UpdateJob(Guid jobId, JobPriority priority, long? maxBytesPerSecond) => inner.UpdateJob(jobId, priority, maxBytesPerSecond);
}
