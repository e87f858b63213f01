namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>
/// One line of <c>transfer --format json</c> and <c>job watch --format json</c>; documented in docs/cli.md, so append
/// only. <see cref="BytesPerSecond"/> and <see cref="EtaSeconds"/> are null when unknown or when the job is not moving.
/// </summary>
internal sealed record ProgressEventJson(
    Guid Id,
    JobState State,
    long BytesTransferred,
    long? BytesTotal,
    int FilesTransferred,
    int FilesTotal,
    long? BytesPerSecond,
    long? EtaSeconds)
{
    public static ProgressEventJson From(ProgressSnapshot snapshot) => new(
        snapshot.JobId,
        snapshot.State,
        snapshot.Progress.BytesTransferred,
        snapshot.Progress.BytesTotal,
        snapshot.Progress.FilesTransferred,
        snapshot.Progress.FilesTotal,
        snapshot.BytesPerSecond is { } rate ? (long)Math.Round(rate) : null,
        snapshot.Eta is { } eta ? (long)Math.Ceiling(eta.TotalSeconds) : null);
}
