using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>
/// One Ack packet: a status, the error triple when it is an error, and extra headers. Every Ack has
/// <c>BITS-Packet-Type: Ack</c> and <c>Content-Length: 0</c>; errors carry both <c>BITS-Error-Code</c> (win32) and
/// <c>BITS-Error</c> (MC-BUP) with the same value, since clients read one or the other.
/// </summary>
internal sealed class BitsAck
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    private BitsAck(int status, uint? error, int context, string? reason)
    {
        Status = status;
        Error = error;
        Context = context;
        Reason = reason;
    }

    public int Status { get; }

    public uint? Error { get; }

    public int Context { get; }

    /// <summary>Why, for the log; never sent (it may name paths).</summary>
    public string? Reason { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public static BitsAck Ok() => new(StatusCodes.Status200OK, null, 0, null);

    public static BitsAck Fail(int status, uint error, string reason, int context = BitsErrors.ContextServer) =>
        new(status, error, context, reason);

    /// <summary>An error status without an HRESULT, as Windows sends 416 (the status says it all).</summary>
    public static BitsAck Status416(long next) =>
        new BitsAck(StatusCodes.Status416RangeNotSatisfiable, null, 0, "the fragment does not start at the next byte")
            .With(BitsHeaders.ReceivedContentRange, next.ToString(CultureInfo.InvariantCulture));

    public static BitsAck BadRequest(string reason) => Fail(StatusCodes.Status400BadRequest, BitsErrors.InvalidArgument, reason);

    public static BitsAck SessionNotFound(string reason) =>
        Fail(StatusCodes.Status500InternalServerError, BitsErrors.SessionNotFound, reason);

    public static BitsAck AccessDenied(string reason) => Fail(StatusCodes.Status403Forbidden, BitsErrors.AccessDenied, reason);

    public BitsAck With(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    public Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        response.Headers[BitsHeaders.PacketType] = "Ack";
        foreach (var (name, value) in _headers)
        {
            response.Headers.Append(name, value);
        }

        if (Error is { } error)
        {
            var code = "0x" + error.ToString("X8", CultureInfo.InvariantCulture);
            response.Headers[BitsHeaders.ErrorCode] = code;
            response.Headers[BitsHeaders.Error] = code;
            response.Headers[BitsHeaders.ErrorContext] = "0x" + Context.ToString("X", CultureInfo.InvariantCulture);
        }

        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
