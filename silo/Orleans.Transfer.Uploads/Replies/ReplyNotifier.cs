using System.Net;
using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Protocol;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Replies;

/// <summary>
/// Tells the server application of a complete upload (MC-BUP §2.2.12–13, digest §8): by reference (the upload's and the
/// reply's file paths in headers; the application writes the reply file) or by value (the upload as the body; the
/// response body is the reply). Called again when the client retries the final fragment after a failure, so the
/// application must tolerate duplicates, as with IIS.
/// </summary>
internal sealed class ReplyNotifier(IHttpClientFactory clients, UploadFileStore files, UploadClock clock)
{
    public const string ClientName = "Orleans.Transfer.Uploads.Notifications";

    public async Task<NotificationOutcome> NotifyAsync(
        HttpRequest upload, UploadDirectory directory, UploadSession session, CancellationToken cancellationToken)
    {
        var options = directory.Options;
        using var timeout = new CancellationTokenSource(options.NotificationTimeout, clock.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var message = new HttpRequestMessage(HttpMethod.Post, ReplyUrls.NotificationUrl(upload, options.NotificationUrl!));
        message.Headers.TryAddWithoutValidation(BitsHeaders.OriginalRequestUrl, ReplyUrls.UploadUrl(upload).AbsoluteUri);
        var partialPath = directory.PartialOf(session.RelativePath, session.Id);
        var replyPath = directory.ReplyOf(session.RelativePath, session.Id);
        Worker.OwnerFiles.SourceFile? body = null;
        try
        {
            if (options.NotificationType == BitsNotificationType.ByValue)
            {
                body = await files.OpenPartialAsync(directory, session.RelativePath, session.Id, linked.Token).ConfigureAwait(false);
                message.Content = new StreamContent(new FileStream(body.Handle, FileAccess.Read, bufferSize: 0));
                message.Content.Headers.ContentLength = body.Size;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(BitsHeaders.RequestDataFileName, partialPath);
                message.Headers.TryAddWithoutValidation(BitsHeaders.ResponseDataFileName, replyPath);
                message.Content = new ByteArrayContent([]);
            }

            using var response = await clients.CreateClient(ClientName)
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return NotificationOutcome.Failed((int)response.StatusCode, $"the application answered {(int)response.StatusCode}");
            }

            var staticUrl = response.Headers.TryGetValues(BitsHeaders.StaticResponseUrl, out var urls) ? urls.FirstOrDefault() : null;
            if (staticUrl is not null && !Uri.TryCreate(staticUrl, UriKind.Absolute, out _))
            {
                return NotificationOutcome.Failed(StatusCodes.Status502BadGateway, "the application's BITS-Static-Response-URL is not an absolute URL");
            }

            var copy = response.Headers.Contains(BitsHeaders.CopyFileToDestination);
            if (options.NotificationType == BitsNotificationType.ByValue && staticUrl is null)
            {
                var content = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
                await files.WriteReplyAsync(directory, session.RelativePath, session.Id, content, linked.Token).ConfigureAwait(false);
            }

            return new NotificationOutcome(null, staticUrl, copy, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return NotificationOutcome.Failed(StatusCodes.Status504GatewayTimeout, "the application did not answer within the notification timeout");
        }
        catch (HttpRequestException ex)
        {
            return NotificationOutcome.Failed(
                ex.StatusCode is { } status ? (int)status : (int)HttpStatusCode.BadGateway, $"the application could not be reached: {ex.Message}");
        }
        finally
        {
            body?.Dispose();
        }
    }
}
