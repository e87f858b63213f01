using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Grains.State;

namespace Orleans.Transfer.Grains.Jobs;

/// <summary>Checks a batch of files to add to a job, whatever its kind: the file limit, then the kind, then duplicates.</summary>
internal static class NewFiles
{
    public static IReadOnlyList<JobFileState> Prepare(
        IJobKind kind, Guid jobId, JobFilesContext context, IReadOnlyList<FileSpec> files, IReadOnlyList<JobFileState> existing, int maxFiles)
    {
        if (existing.Count + files.Count > maxFiles)
        {
            throw new TransferJobException(
                TransferErrorCode.TooManyFiles,
                $"The job has {existing.Count} files and {files.Count} more would pass the limit of {maxFiles} ({TransferJobOptions.SectionName}:MaxFilesPerJob); use another job.",
                "files");
        }

        var prepared = kind.CreateFiles(jobId, files, context);
        var seen = existing.Select(f => f.LocalPath).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < prepared.Count; i++)
        {
            if (!seen.Add(prepared[i].LocalPath))
            {
                throw new TransferJobException(
                    TransferErrorCode.DestinationInUse,
                    $"files[{i}].localPath '{prepared[i].LocalPath}' is already a destination in this job.",
                    $"files[{i}].localPath");
            }
        }

        return prepared;
    }
}
