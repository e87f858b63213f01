using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Uploads.Files;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>One request packet, authenticated, with its destination mapped (null for the directory itself).</summary>
internal sealed record BitsPacket(HttpContext Http, UploadDirectory Directory, string? User, string? RelativePath)
{
    public HttpRequest Request => Http.Request;

    public CancellationToken Aborted => Http.RequestAborted;

    public string? SessionId => Request.Headers[BitsHeaders.SessionId].FirstOrDefault()?.Trim();
}
