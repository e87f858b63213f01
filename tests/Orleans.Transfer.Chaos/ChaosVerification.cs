using System.Security.Cryptography;

namespace Orleans.Transfer.Chaos;

/// <summary>
/// The end state every chaos run must reach: each job listed once and nothing else listed (the schema is fresh),
/// Acknowledged after Complete, its catalog row agreeing with its grain, its progress and files those of the origin's
/// current content, and no temp or stray file in the destination.
/// </summary>
internal static class ChaosVerification
{
    /// <summary>Reports each problem found through <paramref name="report"/>; returns the files whose content differs.</summary>
    public static async Task<int> VerifyAsync(
        IReadOnlyList<ChaosJob> jobs,
        IReadOnlyList<JobSummary> listed,
        Func<Guid, Task<JobInfo>> getInfo,
        TestOrigin.TestOrigin origin,
        string output,
        Action<bool, string> report)
    {
        var created = jobs.Select(j => j.Id).ToHashSet();
        var lost = created.Except(listed.Select(s => s.Id)).ToList();
        var unknown = listed.Select(s => s.Id).Except(created).ToList();
        var duplicated = listed.GroupBy(s => s.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        report(lost.Count > 0, $"{lost.Count} jobs missing from the catalog: {string.Join(", ", lost.Take(5))}");
        report(unknown.Count > 0, $"{unknown.Count} jobs in the catalog that were never created: {string.Join(", ", unknown.Take(5))}");
        report(duplicated.Count > 0, $"{duplicated.Count} jobs listed more than once: {string.Join(", ", duplicated.Take(5))}");

        var mismatches = 0;
        foreach (var job in jobs)
        {
            var info = await getInfo(job.Id);
            report(info.State != JobState.Acknowledged, $"job {job.Id} is {info.State} after Complete, not Acknowledged");
            if (listed.FirstOrDefault(s => s.Id == job.Id) is { } row)
            {
                report(row.State != info.State || row.Progress != info.Progress,
                    $"job {job.Id}: catalog says {row.State} {row.Progress}, the grain says {info.State} {info.Progress}");
            }

            var expectedBytes = job.Files.Sum(f => origin[f.Name].Length);
            report(info.Progress.BytesTransferred != expectedBytes || info.Progress.FilesTransferred != job.Files.Count,
                $"job {job.Id}: progress {info.Progress}, expected {expectedBytes} B in {job.Files.Count} files");
            foreach (var file in job.Files)
            {
                var expected = origin[file.Name].ComputeSha256();
                var actual = File.Exists(file.Destination) ? await HashAsync(file.Destination) : "missing";
                if (actual != expected)
                {
                    mismatches++;
                    report(true, $"job {job.Id}: {file.Name} is {actual}, the origin's current content is {expected}");
                }
            }
        }

        var leftovers = Directory.GetFiles(output, ".*.xfer-*.tmp", SearchOption.AllDirectories);
        report(leftovers.Length > 0, $"{leftovers.Length} temp files left: {string.Join(", ", leftovers.Take(5).Select(Path.GetFileName))}");
        var expectedFiles = jobs.SelectMany(j => j.Files).Select(f => f.Destination).ToHashSet();
        var strays = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Where(f => !expectedFiles.Contains(f)).ToList();
        report(strays.Count > 0, $"{strays.Count} unexpected files in the destination: {string.Join(", ", strays.Take(5).Select(Path.GetFileName))}");
        return mismatches;
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
