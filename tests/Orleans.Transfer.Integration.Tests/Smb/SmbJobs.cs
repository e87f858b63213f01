using System.Security.Cryptography;
using Orleans.Transfer.Client;
using Orleans.Transfer.Http;
using Orleans.Transfer.Testing.Samba;

namespace Orleans.Transfer.Integration.Tests.Smb;

/// <summary>What the SMB tests share: random content, hashes, and jobs that carry the Samba user as their server credential.</summary>
internal static class SmbJobs
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static byte[] RandomContent(int size, int seed)
    {
        var content = new byte[size];
        new Random(seed).NextBytes(content);
        return content;
    }

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<string> HashFileAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    /// <summary>The share's user as the job's server credential (NTLM), the way a caller sets it.</summary>
    public static JobCredential Credential(SambaServer samba, string? password = null) =>
        new(AuthTarget.Server, AuthScheme.Ntlm, samba.UserName, password ?? samba.Password);

    /// <summary>
    /// Creates a job (Suspended) for <paramref name="files"/>, sets the share's credential on it, and resumes it, with
    /// the shortest retry delay so that retries after a transient error come quickly.
    /// </summary>
    public static async Task<Guid> StartAsync(
        ITransferClient client,
        SambaServer samba,
        JobType type,
        IReadOnlyList<FileSpec> files,
        long? maxBytesPerSecond = null,
        string? password = null)
    {
        var job = await client.CreateJobAsync(new CreateJobRequest(
            "smb test",
            null,
            type,
            JobPriority.Foreground,
            Owner: "",
            Files: files,
            MinimumRetryDelay: JobLimits.MinimumRetryDelayFloor,
            MaxBytesPerSecond: maxBytesPerSecond));
        await client.SetCredentialsAsync(job.Id, Credential(samba, password));
        await client.ResumeAsync(job.Id);
        return job.Id;
    }

    /// <summary>Polls the job until it is in one of <paramref name="states"/>; returns it then.</summary>
    public static async Task<JobInfo> UntilStateAsync(ITransferClient client, Guid jobId, SiloProcess silo, params JobState[] states)
    {
        JobInfo? info = null;
        await SiloClients.UntilAsync(
            async () => Array.IndexOf(states, (info = await client.GetAsync(jobId)).State) >= 0,
            $"job {jobId} in {string.Join(" or ", states)}",
            Deadline,
            silo);
        return info!;
    }

    /// <summary>Polls until the job has transferred at least <paramref name="bytes"/>; fails if it finishes or fails first.</summary>
    public static async Task<JobInfo> UntilBytesAsync(ITransferClient client, Guid jobId, long bytes, SiloProcess silo)
    {
        JobInfo? info = null;
        await SiloClients.UntilAsync(
            async () =>
            {
                info = await client.GetAsync(jobId);
                Assert.True(
                    info.State is JobState.Queued or JobState.Connecting or JobState.Transferring,
                    $"the job went {info.State} ({info.Error?.Code}: {info.Error?.Message}) before it had {bytes} bytes; it had {info.Progress.BytesTransferred}");
                return info.Progress.BytesTransferred >= bytes;
            },
            $"job {jobId} past {bytes} bytes",
            Deadline,
            silo);
        return info!;
    }
}
