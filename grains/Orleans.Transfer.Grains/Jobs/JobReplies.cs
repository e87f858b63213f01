using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Uploads;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// B107: an UploadReply job's reply in memory. The worker's <see cref="IFileReader"/> reads it off the grain scheduler
/// with the owner's rights: from its temporary file until Complete moved it, then from the reply path.
/// </summary>
internal sealed class JobReplies(Guid jobId, Func<TransferJobState> job, JobProjector projector, IFileReader reader)
{
    private TransferJobState Job => job();

    public async Task<JobReply> GetAsync()
    {
        if (projector.ToReplyInfo() is not { IsComplete: true } info || Job.Files is not [{ Reply: { } reply }, ..])
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidState,
                Job.Type == JobType.UploadReply
                    ? $"Job {jobId}'s reply is not downloaded yet (the job is {Job.State}); wait until the job is Transferred."
                    : $"Job {jobId} is a {Job.Type} job; only UploadReply jobs have a reply.");
        }

        if (info.BytesTotal > JobReply.MaxInMemoryBytes)
        {
            throw new TransferJobException(
                TransferErrorCode.TooLarge,
                $"Job {jobId}'s reply is {info.BytesTotal} bytes, more than the {JobReply.MaxInMemoryBytes} returned in memory; complete the job and read the reply file '{reply.Path}' instead.");
        }

        var data = await reader.ReadAllAsync(Job.Owner, reply.InPlace ? reply.Path : reply.TempPath, JobReply.MaxInMemoryBytes);
        return new JobReply(info, data);
    }
}
