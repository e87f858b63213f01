using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.BitsUpload;

/// <summary>
/// A small BITS upload server for the client's tests, served by a real Kestrel (<c>ScriptedServer</c>): sessions in
/// memory, fragments appended at their offset (416 with BITS-Received-Content-Range otherwise), the file committed at
/// its last byte, and knobs for what servers do differently: 201 and missing optional headers (lenient), Host-Id, a
/// reply URL, a fragment size limit, Basic authentication, and one-time scripted failures.
/// </summary>
internal sealed class BitsTestServer
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MemoryStream> _sessions = new(StringComparer.Ordinal);
    private readonly List<BitsPacket> _packets = [];
    private readonly List<(string Packet, int Status, string? Error)> _faults = [];
    private readonly Dictionary<string, byte[]> _committed = new(StringComparer.Ordinal);

    public int CreateStatus { get; set; } = 200;

    /// <summary>Lower-case Ack, no BITS-Protocol, Accept-Encoding or session id on Acks, and BITS-Error instead of BITS-Error-Code.</summary>
    public bool Lenient { get; set; }

    public string? HostId { get; set; }

    public int? HostIdFallbackSeconds { get; set; }

    public string? ReplyUrl { get; set; }

    /// <summary>Fragments above this many bytes get 413.</summary>
    public int? MaxFragmentBytes { get; set; }

    /// <summary>The one Basic credential accepted ("user:password"), or null for anonymous.</summary>
    public string? BasicCredential { get; set; }

    /// <summary>Keeps only this many bytes of the next fragment (a short write), acknowledging what it kept.</summary>
    public int? KeepOnce { get; set; }

    /// <summary>Refuses an empty fragment with 400, as OneDrive did (digest §11).</summary>
    public bool RefuseEmptyFragment { get; set; }

    /// <summary>Called with each packet before it is answered.</summary>
    public Action<BitsPacket>? OnPacket { get; set; }

    public IReadOnlyList<BitsPacket> Packets
    {
        get
        {
            lock (_lock)
            {
                return [.. _packets];
            }
        }
    }

    public IReadOnlyList<BitsPacket> PacketsOf(string type) =>
        [.. Packets.Where(p => string.Equals(p.Type, type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The file committed at <paramref name="path"/>, or null.</summary>
    public byte[]? Committed(string path)
    {
        lock (_lock)
        {
            return _committed.TryGetValue(path, out var bytes) ? bytes : null;
        }
    }

    /// <summary>A session that already holds <paramref name="held"/>, as one from an earlier run.</summary>
    public string AddSession(byte[] held)
    {
        var id = Guid.NewGuid().ToString("B").ToUpperInvariant();
        lock (_lock)
        {
            var stream = new MemoryStream();
            stream.Write(held);
            _sessions[id] = stream;
        }

        return id;
    }

    public long? Held(string id)
    {
        lock (_lock)
        {
            return _sessions.TryGetValue(id, out var stream) ? stream.Length : null;
        }
    }

    /// <summary>The next <paramref name="times"/> packets of <paramref name="packet"/> get <paramref name="status"/>.</summary>
    public void Fail(string packet, int status, string? error = null, int times = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < times; i++)
            {
                _faults.Add((packet, status, error));
            }
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var packet = new BitsPacket(
            request.Headers["BITS-Packet-Type"].ToString(),
            Header(request, "BITS-Session-Id"),
            Header(request, "Content-Range"),
            body.Length,
            request.Host.Host,
            Header(request, "Authorization"),
            Header(request, "Content-Name"));
        if (BasicCredential is { } credential
            && packet.Authorization != "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credential)))
        {
            response.StatusCode = 401;
            response.Headers.WWWAuthenticate = "Basic realm=\"uploads\"";
            return;
        }

        lock (_lock)
        {
            _packets.Add(packet);
        }

        OnPacket?.Invoke(packet);
        response.Headers["BITS-Packet-Type"] = Lenient ? "ack" : "Ack";
        if (request.Method != "BITS_POST")
        {
            response.StatusCode = 405;
            return;
        }

        lock (_lock)
        {
            var fault = _faults.FindIndex(f => string.Equals(f.Packet, packet.Type, StringComparison.OrdinalIgnoreCase));
            if (fault >= 0)
            {
                var (_, status, error) = _faults[fault];
                _faults.RemoveAt(fault);
                Error(response, status, error);
                return;
            }

            Answer(request.Path.Value ?? "/", packet, body.ToArray(), response);
        }
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private void Answer(string path, BitsPacket packet, byte[] body, HttpResponse response)
    {
        var type = packet.Type.ToLowerInvariant();
        if (type is "ping")
        {
            return;
        }

        if (type is "create-session")
        {
            var id = Guid.NewGuid().ToString("B").ToUpperInvariant();
            _sessions[id] = new MemoryStream();
            response.StatusCode = CreateStatus;
            response.Headers["BITS-Session-Id"] = id;
            if (!Lenient)
            {
                response.Headers["BITS-Protocol"] = "{7df0354d-249b-430f-820d-3d2a9bef4931}";
                response.Headers["Accept-Encoding"] = "identity";
            }

            if (HostId is { } host)
            {
                response.Headers["BITS-Host-Id"] = host;
                if (HostIdFallbackSeconds is { } seconds)
                {
                    response.Headers["BITS-Host-Id-Fallback-Timeout"] = seconds.ToString(CultureInfo.InvariantCulture);
                }
            }

            return;
        }

        if (packet.SessionId is not { } session || !_sessions.TryGetValue(session, out var held))
        {
            Error(response, 500, "0x8020001F");
            return;
        }

        switch (type)
        {
            case "fragment":
                Fragment(path, session, held, packet, body, response);
                break;
            case "close-session":
                _committed.TryAdd(path, held.ToArray());
                _sessions.Remove(session);
                break;
            case "cancel-session":
                _sessions.Remove(session);
                break;
            default:
                Error(response, 400, "0x80070057");
                break;
        }
    }

    private void Fragment(string path, string session, MemoryStream held, BitsPacket packet, byte[] body, HttpResponse response)
    {
        if (MaxFragmentBytes is { } max && body.Length > max)
        {
            response.StatusCode = 413;
            return;
        }

        long first;
        long total;
        var range = packet.ContentRange ?? string.Empty;
        if (range == "bytes */0" && body.Length == 0 && !RefuseEmptyFragment)
        {
            (first, total) = (0, 0);
        }
        else if (range.StartsWith("bytes ", StringComparison.Ordinal) && range[6..].Split('-', '/') is [var f, var l, var t]
            && long.Parse(l, CultureInfo.InvariantCulture) - long.Parse(f, CultureInfo.InvariantCulture) + 1 == body.Length)
        {
            (first, total) = (long.Parse(f, CultureInfo.InvariantCulture), long.Parse(t, CultureInfo.InvariantCulture));
        }
        else
        {
            Error(response, 400, "0x80070057");
            return;
        }

        if (first != held.Length)
        {
            response.StatusCode = 416;
            response.Headers["BITS-Received-Content-Range"] = held.Length.ToString(CultureInfo.InvariantCulture);
            return;
        }

        var keep = KeepOnce is { } once ? Math.Min(once, body.Length) : body.Length;
        KeepOnce = null;
        held.Position = held.Length;
        held.Write(body, 0, keep);
        response.Headers["BITS-Received-Content-Range"] = held.Length.ToString(CultureInfo.InvariantCulture);
        if (!Lenient)
        {
            response.Headers["BITS-Session-Id"] = session;
        }

        if (held.Length == total)
        {
            _committed[path] = held.ToArray();
            if (ReplyUrl is { } reply)
            {
                response.Headers["BITS-Reply-URL"] = reply;
            }
        }
    }

    private void Error(HttpResponse response, int status, string? error)
    {
        response.StatusCode = status;
        if (error is not null)
        {
            response.Headers[Lenient ? "BITS-Error" : "BITS-Error-Code"] = error;
            response.Headers["BITS-Error-Context"] = "0x5";
        }
    }
}
