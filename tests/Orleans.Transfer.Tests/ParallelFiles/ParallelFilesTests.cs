using System.Security.Cryptography;
using Orleans.Transfer.TestOrigin;
using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Tests.ParallelFiles;

/// <summary>
/// Three files of a job in flight against the real origin: later files may finish first, yet the job completes them
/// in file order; a failing file stops the others and fails the job once, keeping their bytes.
/// </summary>
public sealed class ParallelFilesTests(ParallelFilesClusterFixture fixture) : IClassFixture<ParallelFilesClusterFixture>
{
    private const int SmallFile = 64 * 1024;
    private const int StallPoint = 512 * 1024;

    [Fact]
    public async Task FirstFileHeldBack_LaterFilesRunMeanwhile_ObserversHearFileTransferredInOrder()
    {
        var (job, files, destinations) = await NewJobAsync(4 * 1024 * 1024, SmallFile, SmallFile);
        files[0].StallAfter(StallPoint);
        var observer = new RecordingJobObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<ITransferJobObserver>(observer);
        try
        {
            await job.SubscribeAsync(reference);
            await job.ResumeAsync();

            // The origin holds file 0 back until the clock passes the stall timeout; files 1 and 2 arrive in full meanwhile.
            // The three requests race, so file 0's is waited for too rather than assumed to be first.
            var held = await JobWaits.UntilAsync(
                job,
                i => i.Files[1].BytesTransferred == SmallFile && i.Files[2].BytesTransferred == SmallFile
                    && files[1].BodyBytesSent == SmallFile && files[2].BodyBytesSent == SmallFile
                    && files[0].BodyBytesSent == StallPoint,
                "files 1 and 2 downloaded while file 0 stalls");
            Assert.Equal(1, files[0].Requests);
            Assert.True(files[0].BodyBytesSent < files[0].Length, "files 1 and 2 ran while file 0 was still in flight");
            Assert.Equal(0, held.Progress.FilesTransferred);
            Assert.DoesNotContain(held.Files, f => f.Completed);
            Assert.Empty(observer.FilesTransferred);

            // Each miss moves the clock on, so the stalled read times out and the quick retry fetches the rest.
            await JobWaits.UntilAsync(job, i => i.State == JobState.Transferred, "Transferred", () => fixture.Clock.Advance(ParallelFilesClusterFixture.StallTimeout));
            Assert.Equal(JobEventKind.JobTransferred, await observer.Settled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            fixture.Cluster.Client.DeleteObjectReference<ITransferJobObserver>(reference);
        }

        Assert.Equal([0, 1, 2], observer.FilesTransferred);
        Assert.Equal(JobEventKind.JobTransferred, observer.Events.Last(e => e.Kind is JobEventKind.FileTransferred or JobEventKind.JobTransferred).Kind);
        Assert.Equal(2, files[0].Requests);

        await job.CompleteAsync();
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(files[i].ComputeSha256(), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(destinations[i]))));
        }
    }

    [Fact]
    public async Task FileNotFound_StopsTheOtherFiles_JobInErrorOnThatFile_KeepingTheirBytes()
    {
        var (job, files, destinations) = await NewJobAsync(4 * 1024 * 1024, SmallFile, 4 * 1024 * 1024);

        // Files 0 and 2 stop after every 512 KiB; file 1 after one byte, held until the test drops its connection, and
        // answers 404 when it asks again. The clock does not move, so files 0 and 2 wait where they stalled.
        using var release = new ManualResetEventSlim();
        files[0].StallAfter(StallPoint, times: 100);
        files[1].DropConnectionAfter(1, onDrop: () => release.Wait(TimeSpan.FromSeconds(30)));
        files[2].StallAfter(StallPoint, times: 100);
        try
        {
            await job.ResumeAsync();
            await JobWaits.UntilAsync(
                job,
                i => i.Files[0].BytesTransferred >= StallPoint && i.Files[2].BytesTransferred >= StallPoint && files[1].BodyBytesSent == 1,
                "files 0 and 2 half way, file 1 started");
            files[1].RespondWithStatus(404);
        }
        finally
        {
            release.Set();
        }

        var failed = await JobWaits.StateAsync(job, JobState.Error);

        Assert.Equal(1, failed.Error!.FileIndex);
        Assert.Equal(404, failed.Error.HttpStatus);
        Assert.Equal(1, failed.ErrorCount);
        Assert.DoesNotContain(failed.Files, f => f.Completed);

        // What arrived before the stop stays on disk, and the job records it: the write that reached the stall point
        // queued its checkpoint's flush, and the stopped run handed that checkpoint over, as no later write reports it.
        foreach (var i in new[] { 0, 2 })
        {
            Assert.Equal(StallPoint, new FileInfo(TempFileNames.For(destinations[i], job.GetPrimaryKey())).Length);
            Assert.Equal(StallPoint, failed.Files[i].BytesTransferred);
        }

        // A resume goes on from there: files 0 and 2 ask for the rest only.
        await job.ResumeAsync();
        await JobWaits.UntilAsync(job, _ => files[0].RangeHeaders.Count == 2 && files[2].RangeHeaders.Count == 2, "files 0 and 2 asked again");
        Assert.All(new[] { files[0], files[2] }, f => Assert.Equal($"bytes={StallPoint}-", f.RangeHeaders[1]));

        await job.CancelAsync();
    }

    private async Task<(ITransferJobGrain Job, OriginFile[] Files, string[] Destinations)> NewJobAsync(params long[] lengths)
    {
        var prefix = Guid.NewGuid().ToString("N");
        var files = lengths.Select((length, i) => fixture.Origin.AddGenerated($"{prefix}-{i}.bin", length, seed: i + 1)).ToArray();
        var destinations = files.Select((_, i) => fixture.NewDestination($"f{i}.bin")).ToArray();
        var job = fixture.Grains.GetGrain<ITransferJobGrain>(Guid.NewGuid());
        await job.CreateAsync(new CreateJobRequest("parallel", null, JobType.Download, JobPriority.Normal, "tester"));
        await job.AddFilesAsync([.. files.Select((f, i) => new FileSpec(fixture.Origin.UrlFor(f.Name).ToString(), destinations[i]))]);
        return (job, files, destinations);
    }
}
