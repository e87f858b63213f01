using System.Globalization;
using System.IO.Compression;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.TestOrigin;

/// <summary>The injected faults: scripted statuses, resets, gzip, strikes of the chaos plan.</summary>
public sealed partial class OriginFile
{
    private static void RespondWithChaosStatus(HttpResponse response, ChaosDecision chaos, OriginContent content)
    {
        chaos.Plan.Record(chaos.Fault);
        response.ContentLength = 0;
        switch (chaos.Fault)
        {
            case ChaosFault.ServiceUnavailable:
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers.RetryAfter = ((long)Math.Ceiling(chaos.Plan.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                break;
            case ChaosFault.RangeNotSatisfiable:
                response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                response.Headers.ContentRange = $"bytes */{content.Length}";
                break;
            default:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
        }
    }

    /// <summary>Injects a body fault; true when it ended the response.</summary>
    private async Task<bool> StrikeAsync(HttpContext context, OriginContent content, ChaosDecision strike)
    {
        strike.Plan.Record(strike.Fault);
        switch (strike.Fault)
        {
            case ChaosFault.Stall:
                await Task.Delay(strike.Plan.StallDuration, context.RequestAborted).ConfigureAwait(false);
                return false;
            case ChaosFault.Truncate:
                await DropAsync(context).ConfigureAwait(false);
                return true;
            case ChaosFault.ChangeContent:
                // The bytes sent so far are the old version; the client must notice the new ETag when it resumes.
                ChangeContent(content.Length, strike.NewSeed);
                context.Abort();
                return true;
            default:
                context.Abort();
                return true;
        }
    }

    /// <summary>The whole file gzip-compressed, as a server that ignores Accept-Encoding: identity would send it.</summary>
    private static async Task SendGzipAsync(HttpContext context, OriginContent content)
    {
        var raw = new byte[content.Length];
        content.Fill(0, raw);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(raw, context.RequestAborted).ConfigureAwait(false);
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentEncoding = "gzip";
        response.ContentLength = compressed.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(compressed.GetBuffer().AsMemory(0, (int)compressed.Length), context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends the connection mid-body. A bare abort resets the socket, and a reset makes the client discard bytes it has
    /// received but not read yet; a FIN first lets the client read everything sent, then see the body cut short.
    /// </summary>
    private static async Task DropAsync(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.Shutdown(SocketShutdown.Send);
            try
            {
                // The client closes its side once it has read up to the FIN.
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Closed by the client, as expected.
            }
        }

        context.Abort();
    }
}
