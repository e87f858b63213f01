using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Uploads.Authentication;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Replies;

/// <summary>
/// GET and HEAD of a reply URL, with Range (the client downloads replies like any file, digest §8): served while
/// the session exists, its reply is ready, the token matches and the caller is the session's user; anything else is
/// an ordinary 404, which says nothing about which part was wrong.
/// </summary>
internal sealed class ReplyEndpoint(IUploadSessionStore store, UploadFileStore files)
{
    public async Task<IResult> HandleAsync(HttpContext context, UploadDirectory directory, string session, string token)
    {
        if (UploadAuthenticator.Authenticate(context, directory, out var user) is { } denied)
        {
            await denied.WriteAsync(context.Response).ConfigureAwait(false);
            return Results.Empty;
        }

        if (!Guid.TryParseExact(session, "N", out var id))
        {
            return Results.NotFound();
        }

        var found = await store.FindAsync("{" + id.ToString("D").ToUpperInvariant() + "}", context.RequestAborted).ConfigureAwait(false);
        if (found is not { Phase: UploadSessionPhase.ReplyReady, ReplyToken: { } expected, ReplyStaticUrl: null }
            || !string.Equals(found.Directory, directory.Path, StringComparison.Ordinal)
            || !string.Equals(found.User, user, StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(token)))
        {
            return Results.NotFound();
        }

        var reply = await files.OpenReplyAsync(directory, found.RelativePath, found.Id, context.RequestAborted).ConfigureAwait(false);
        if (reply is null)
        {
            return Results.Bytes([], "application/octet-stream");
        }

        return Results.Stream(
            new FileStream(reply.Handle, FileAccess.Read, bufferSize: 0),
            "application/octet-stream",
            lastModified: reply.LastModified,
            enableRangeProcessing: true);
    }
}
