using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// Finds a packet's session and takes its write lease. A session is only found from its own URL and by its own user:
/// anything else answers BG_E_SESSION_NOT_FOUND, exactly as an unknown id does (digest §11). The lease is a field of the
/// stored session claimed under its version, so whichever server processes a session's packets reach, the store decides
/// which one writes; the others wait for it (docs/uploads.md, "Any silo, any packet").
/// </summary>
internal sealed partial class SessionAccess(
    IUploadSessionStore store, UploadClock clock, IOptions<BitsUploadServerOptions> options, ILogger<SessionAccess> logger)
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    public IUploadSessionStore Store => store;

    public async Task<(UploadSession? Session, BitsAck? Refusal)> FindAsync(BitsPacket packet)
    {
        if (string.IsNullOrEmpty(packet.SessionId))
        {
            return (null, BitsAck.BadRequest("the packet has no BITS-Session-Id"));
        }

        var session = await store.FindAsync(packet.SessionId, packet.Aborted).ConfigureAwait(false);
        if (session is null
            || !string.Equals(session.Directory, packet.Directory.Path, StringComparison.Ordinal)
            || !string.Equals(session.RelativePath, packet.RelativePath, StringComparison.Ordinal)
            || !string.Equals(session.User, packet.User, StringComparison.Ordinal))
        {
            return (null, BitsAck.SessionNotFound("no such session on this URL for this user"));
        }

        return (session, null);
    }

    /// <summary>
    /// Takes <paramref name="session"/>'s write lease for this packet, waiting while another request holds it (up to one
    /// and a half leases, then 503 Busy). <paramref name="answer"/> is asked first, and again each time the session changed
    /// while waiting: its Ack, when the packet needs no lease any more (a duplicate fragment another process just wrote).
    /// </summary>
    public async Task<(SessionLease? Lease, BitsAck? Ack)> AcquireAsync(BitsPacket packet, UploadSession session, Func<UploadSession, BitsAck?> answer)
    {
        var duration = options.Value.SessionLease;
        var holder = Guid.NewGuid().ToString("N");
        var giveUpAt = clock.Now + (duration * 3 / 2);
        var current = session;
        while (true)
        {
            if (answer(current) is { } ack)
            {
                return (null, ack);
            }

            var now = clock.Now;
            if (current.LeaseHolder is not null && current.LeaseExpires > now)
            {
                if (now >= giveUpAt)
                {
                    LogLeaseWaitTimedOut(logger, current.Id, duration * 3 / 2);
                    return (null, BitsAck.Fail(StatusCodes.Status503ServiceUnavailable, BitsErrors.Busy, "another packet of the session is still being written")
                        .With(BitsHeaders.SessionId, current.Id)
                        .With(HeaderNames.RetryAfter, ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
                }

                await Task.Delay(s_pollInterval, clock.Time, packet.Aborted).ConfigureAwait(false);
            }
            else
            {
                var claimed = current with { LeaseHolder = holder, LeaseExpires = now + duration, Version = current.Version + 1 };
                if (await store.TryUpdateAsync(claimed, packet.Aborted).ConfigureAwait(false))
                {
                    return (new SessionLease(store, clock, claimed, now, duration, logger), null);
                }
            }

            current = await store.FindAsync(session.Id, packet.Aborted).ConfigureAwait(false);
            if (current is null)
            {
                return (null, BitsAck.SessionNotFound("the session ended while this packet waited for it"));
            }
        }
    }
}
