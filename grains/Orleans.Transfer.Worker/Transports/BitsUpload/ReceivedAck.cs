using System.Globalization;

namespace Orleans.Transfer.Worker;

/// <summary>
/// What an Ack said, read leniently: no header is required here (callers require what they need), the error code is
/// taken from BITS-Error-Code or BITS-Error, and numbers in hex or decimal.
/// </summary>
internal sealed record ReceivedAck(
    int Status,
    string Reason,
    string? SessionId,
    string? HostId,
    int? HostIdFallbackSeconds,
    long? ReceivedContentRange,
    string? ReplyUrl,
    uint? ErrorCode,
    uint? ErrorContext)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool SessionNotFound => ErrorCode == BitsHeaders.SessionNotFound;

    /// <summary>The HRESULT as BITS writes it, e.g. <c>0x8020001F</c>.</summary>
    public string ErrorText => ErrorCode is { } code ? $"0x{code:X8}" : "none";

    public static ReceivedAck From(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new ReceivedAck(
            (int)response.StatusCode,
            response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString(),
            Header(response, BitsHeaders.SessionId),
            Header(response, BitsHeaders.HostId),
            Header(response, BitsHeaders.HostIdFallbackTimeout) is { } seconds
                && int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            Header(response, BitsHeaders.ReceivedContentRange) is { } next
                && long.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null,
            Header(response, BitsHeaders.ReplyUrl),
            Number(Header(response, BitsHeaders.ErrorCode) ?? Header(response, BitsHeaders.Error)),
            Number(Header(response, BitsHeaders.ErrorContext)));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault()?.Trim() is { Length: > 0 } value
            ? value
            : null;

    private static uint? Number(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        }

        // Some servers write the HRESULT as a signed decimal.
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? unchecked((uint)value) : null;
    }
}
