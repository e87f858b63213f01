using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Output.Json;

/// <summary>The JSON shape of <c>job reply --format json</c>: the reply's file and progress, its bytes in base64.</summary>
internal sealed record JobReplyJson(Guid Id, string Path, long? BytesTotal, long BytesTransferred, bool IsComplete, byte[] Data)
{
    public static JobReplyJson From(Guid id, JobReply reply) =>
        new(id, reply.Info.Path, reply.Info.BytesTotal, reply.Info.BytesTransferred, reply.Info.IsComplete, reply.Data);
}
