using System.Globalization;
using System.Net.Http.Headers;

namespace Orleans.Transfer.Integration.Tests.Uploads;

/// <summary>Raw BITS_POST packets as a BITS client sends them (docs: bits-upload-protocol.md §2), for tests against the real server.</summary>
internal static class BitsUploadPackets
{
    public const string UploadProtocol = "{7df0354d-249b-430f-820d-3d2a9bef4931}";

    private static readonly HttpMethod s_bitsPost = new("BITS_POST");

    public static HttpRequestMessage CreateSession(string path) =>
        Packet(path, "Create-Session", sessionId: null, headers => headers.Add("BITS-Supported-Protocols", UploadProtocol));

    public static HttpRequestMessage Ping(string path) => Packet(path, "Ping", sessionId: null);

    public static HttpRequestMessage Close(string path, string sessionId) => Packet(path, "Close-Session", sessionId);

    public static HttpRequestMessage Cancel(string path, string sessionId) => Packet(path, "Cancel-Session", sessionId);

    public static HttpRequestMessage Fragment(string path, string sessionId, ReadOnlyMemory<byte> file, long offset, int length)
    {
        var request = Packet(path, "Fragment", sessionId);
        request.Content = new ReadOnlyMemoryContent(file.Slice((int)offset, length));
        request.Content.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + length - 1, file.Length);
        return request;
    }

    /// <summary>The Ack's BITS-Received-Content-Range: the next byte the server expects.</summary>
    public static long ReceivedContentRange(HttpResponseMessage ack) =>
        long.Parse(Header(ack, "BITS-Received-Content-Range"), NumberStyles.None, CultureInfo.InvariantCulture);

    public static string Header(HttpResponseMessage ack, string name) =>
        ack.Headers.TryGetValues(name, out var values) ? values.Single() : throw new InvalidOperationException(
            $"the {(int)ack.StatusCode} Ack has no {name} header; headers: {ack.Headers}");

    private static HttpRequestMessage Packet(string path, string type, string? sessionId, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(s_bitsPost, path)
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([]),
        };
        request.Headers.Add("BITS-Packet-Type", type);
        if (sessionId is not null)
        {
            request.Headers.Add("BITS-Session-Id", sessionId);
        }

        headers?.Invoke(request.Headers);
        return request;
    }
}
