using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Orleans.Transfer.Uploads.Authentication;
using Orleans.Transfer.Uploads.Files;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// The BITS_POST endpoint: checks what every packet must have (header values of at most 4 KB, a Content-Length, a
/// known BITS-Packet-Type in any case, a safe destination), authenticates, and hands the packet to its handler. Every
/// answer is an Ack; malformed input gets 400 (or 411, 413, 416), never a 500 other than the protocol's own.
/// </summary>
internal sealed partial class BitsPacketDispatcher(
    CreateSessionPacket create,
    FragmentPacket fragment,
    EndSessionPackets end,
    ILogger<BitsPacketDispatcher> logger)
{
    /// <summary>The largest refused body still read to its end before the Ack.</summary>
    public const long DrainBytes = 1024 * 1024;

    public async Task HandleAsync(HttpContext context, UploadDirectory directory)
    {
        BitsAck? ack;
        try
        {
            ack = await DispatchAsync(context, directory).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (BadHttpRequestException ex)
        {
            ack = BitsAck.BadRequest(ex.Message);
        }
        catch (Exception ex) when (UploadFileStore.AckFor(ex) is { } fileAck)
        {
            ack = fileAck;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, directory.Path);
            ack = BitsAck.Fail(StatusCodes.Status500InternalServerError, BitsErrors.Failed, "unexpected failure");
        }

        if (ack is null || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (ack.Error is { } error && logger.IsEnabled(LogLevel.Debug))
        {
            var packetType = context.Request.Headers[BitsHeaders.PacketType].ToString();
            LogRefused(logger, packetType, directory.Path, ack.Status, error, ack.Reason);
        }

        await DrainAsync(context).ConfigureAwait(false);
        await ack.WriteAsync(context.Response).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads what is left of a small refused body, so the client gets the Ack on a connection that stays usable
    /// instead of a reset while it is still sending; a large one closes the connection rather than being read for nothing.
    /// </summary>
    private static async Task DrainAsync(HttpContext context)
    {
        if (context.Request.ContentLength is not { } length || length == 0)
        {
            return;
        }

        if (length > DrainBytes)
        {
            context.Response.Headers.Connection = "close";
            return;
        }

        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            context.Response.Headers.Connection = "close";
        }
    }

    private async Task<BitsAck?> DispatchAsync(HttpContext context, UploadDirectory directory)
    {
        var request = context.Request;
        foreach (var header in request.Headers)
        {
            if (header.Value.Any(v => v?.Length > BitsHeaders.MaxHeaderValueLength))
            {
                return BitsAck.BadRequest($"the {header.Key} header is longer than 4 KB");
            }
        }

        if (UploadAuthenticator.Authenticate(context, directory, out var user) is { } denied)
        {
            return denied;
        }

        var type = request.Headers[BitsHeaders.PacketType].ToString().Trim().ToUpperInvariant();
        if (request.ContentLength is not { } length)
        {
            return BitsAck.Fail(StatusCodes.Status411LengthRequired, BitsErrors.InvalidArgument, "the packet has no Content-Length");
        }

        if (type == "PING")
        {
            return BitsAck.Ok();
        }

        if (type is not ("CREATE-SESSION" or "FRAGMENT" or "CLOSE-SESSION" or "CANCEL-SESSION"))
        {
            return BitsAck.BadRequest("BITS-Packet-Type is missing or unknown");
        }

        if (type != "FRAGMENT" && length != 0)
        {
            return BitsAck.BadRequest("only a Fragment has a body");
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.ToUriComponent();
        var segments = UploadPath.Remainder(rawTarget, PathBaseSegments(request) + directory.Segments);
        if (segments is null)
        {
            return BitsAck.BadRequest("the request target is not an absolute path");
        }

        var relative = UploadPath.TryMap(segments, out var refusal);
        if (relative is null)
        {
            return refusal is null ? BitsAck.BadRequest("the URL names the virtual directory, not a file") : BitsAck.AccessDenied(refusal);
        }

        var packet = new BitsPacket(context, directory, user, relative);
        return type switch
        {
            "CREATE-SESSION" => await create.HandleAsync(packet).ConfigureAwait(false),
            "FRAGMENT" => await fragment.HandleAsync(packet, length).ConfigureAwait(false),
            "CLOSE-SESSION" => await end.CloseAsync(packet).ConfigureAwait(false),
            _ => await end.CancelAsync(packet).ConfigureAwait(false),
        };
    }

    private static int PathBaseSegments(HttpRequest request) =>
        request.PathBase.HasValue ? request.PathBase.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries).Length : 0;
}
