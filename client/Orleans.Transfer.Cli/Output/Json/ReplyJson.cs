using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>An upload-reply job's reply in JSON; <see cref="BytesTotal"/> is null while its size is unknown.</summary>
internal sealed record ReplyJson(long? BytesTotal, long BytesTransferred, string Path)
{
    public static ReplyJson From(JobReplyInfo reply) => new(reply.BytesTotal, reply.BytesTransferred, reply.Path);
}
