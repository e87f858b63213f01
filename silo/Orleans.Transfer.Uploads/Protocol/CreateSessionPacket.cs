using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Orleans.Transfer.Diagnostics;
using Orleans.Transfer.Uploads.Files;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// Create-Session (digest §2.2): negotiates the protocol, checks the destination (404 when its directory does not
/// exist, 400 for a directory, 409 for an existing file when overwrites are off and no application takes the upload),
/// creates the partial file and the session (503 over the session limit), and answers 200 with the session id.
/// </summary>
internal sealed partial class CreateSessionPacket(
    SessionAccess sessions,
    UploadFileStore files,
    IOptions<BitsUploadServerOptions> options,
    UploadClock clock,
    TransferInstruments instruments,
    ILogger<CreateSessionPacket> logger)
{
    public async Task<BitsAck> HandleAsync(BitsPacket packet)
    {
        var offered = packet.Request.Headers[BitsHeaders.SupportedProtocols].ToString();
        var chosen = offered.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(id => string.Equals(id, BitsHeaders.UploadProtocolId, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return BitsAck.BadRequest("BITS-Supported-Protocols names no protocol this server speaks");
        }

        var directory = packet.Directory;
        var relative = packet.RelativePath!;
        var mustNotExist = !directory.Options.AllowOverwrite && directory.Options.NotificationType == BitsNotificationType.None;
        if (UploadFileStore.CheckDestination(directory, relative, mustNotExist) is { } refused)
        {
            return refused;
        }

        var id = "{" + Guid.NewGuid().ToString("D").ToUpperInvariant() + "}";
        await files.CreatePartialAsync(directory, relative, id, packet.Aborted).ConfigureAwait(false);
        var now = clock.Now;
        var session = new UploadSession(id, directory.Path, relative, packet.User, null, 0, UploadSessionPhase.Receiving, now, now);
        if (!await sessions.Store.TryCreateAsync(session, options.Value.MaxSessions, packet.Aborted).ConfigureAwait(false))
        {
            await files.DeleteSessionFilesAsync(directory, relative, id, CancellationToken.None).ConfigureAwait(false);
            return BitsAck.Fail(StatusCodes.Status503ServiceUnavailable, BitsErrors.Busy, "the server holds its most sessions")
                .With(HeaderNames.RetryAfter, "60");
        }

        instruments.UploadSessionCreated();
        LogCreated(logger, id, directory.Path);
        var ack = BitsAck.Ok()
            .With(BitsHeaders.Protocol, BitsHeaders.UploadProtocolId)
            .With(BitsHeaders.SessionId, id)
            .With(HeaderNames.AcceptEncoding, "identity");
        if (directory.Options.HostId is { } host)
        {
            ack.With(BitsHeaders.HostId, host);
            if (directory.Options.HostIdFallbackTimeout is { } fallback)
            {
                ack.With(BitsHeaders.HostIdFallbackTimeout, ((long)fallback.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            }
        }

        return ack;
    }
}
