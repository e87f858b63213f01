using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// A new job's request, checked (<see cref="JobCreation.Prepare"/>): its files, reply path and HTTP options as they
/// will be stored, and the local paths its owner must be allowed to write, to check before the job is filled in.
/// </summary>
internal sealed record JobDraft(
    CreateJobRequest Request,
    string? ReplyPath,
    IReadOnlyList<JobFileState> Files,
    JobHttpState? Http,
    IReadOnlyList<LocalPathCheck> LocalPaths);
