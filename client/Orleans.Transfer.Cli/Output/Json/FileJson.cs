namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>One file of a job in JSON.</summary>
internal sealed record FileJson(
    string RemoteUrl, string LocalPath, long? BytesTotal, long BytesTransferred, bool Completed, string? FinalUrl, DigestJson? Digest)
{
    public static FileJson From(JobFileInfo file) =>
        new(file.RemoteUrl, file.LocalPath, file.BytesTotal, file.BytesTransferred, file.Completed, file.FinalUrl, DigestJson.From(file.Digest));
}
