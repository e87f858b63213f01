using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Grains.Kinds;

/// <summary>The local paths a kind's new files have (<see cref="IJobKind.LocalPaths"/>), with their request fields.</summary>
internal static class LocalPathChecks
{
    /// <summary>
    /// <paramref name="replyPath"/> first, as it is validated before the files, then each file's local path as
    /// <c>files[i].localPath</c>, i its index in the request.
    /// </summary>
    public static IReadOnlyList<LocalPathCheck> Of(IReadOnlyList<JobFileState> files, string? replyPath)
    {
        ArgumentNullException.ThrowIfNull(files);
        var checks = new List<LocalPathCheck>(files.Count + 1);
        if (replyPath is not null)
        {
            checks.Add(new LocalPathCheck(replyPath, "replyPath"));
        }

        for (var i = 0; i < files.Count; i++)
        {
            checks.Add(new LocalPathCheck(files[i].LocalPath, $"files[{i}].localPath"));
        }

        return checks;
    }
}
