using System.Globalization;

namespace Orleans.Transfer.Uploads.Tests;

/// <summary>Sends BITS packets the way a client does, with raw request targets (no dot-segment clean-up by the client).</summary>
internal static class Bits
{
    public const string Protocol = "{7df0354d-249b-430f-820d-3d2a9bef4931}";

    public static HttpRequestMessage Packet(Uri baseAddress, string type, string path, string? session = null, byte[]? body = null, string? range = null)
    {
        var target = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(new HttpMethod("BITS_POST"), target) { Content = new ByteArrayContent(body ?? []) };
        request.Headers.TryAddWithoutValidation("BITS-Packet-Type", type);
        if (session is not null)
        {
            request.Headers.TryAddWithoutValidation("BITS-Session-Id", session);
        }

        if (range is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Range", range);
        }

        return request;
    }

    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient client, string type, string path, string? session = null, byte[]? body = null, string? range = null,
        Action<HttpRequestMessage>? edit = null)
    {
        using var request = Packet(client.BaseAddress!, type, path, session, body, range);
        edit?.Invoke(request);
        return await client.SendAsync(request);
    }

    public static async Task<string> CreateSessionAsync(this HttpClient client, string path, Action<HttpRequestMessage>? edit = null)
    {
        using var response = await client.SendAsync("Create-Session", path, edit: r =>
        {
            r.Headers.TryAddWithoutValidation("BITS-Supported-Protocols", Protocol);
            edit?.Invoke(r);
        });
        Assert.Equal(200, (int)response.StatusCode);
        return response.Header("BITS-Session-Id")!;
    }

    public static Task<HttpResponseMessage> FragmentAsync(
        this HttpClient client, string path, string session, byte[] file, long first, long last, Action<HttpRequestMessage>? edit = null) =>
        client.SendAsync(
            "Fragment", path, session, file[(int)first..(int)(last + 1)],
            string.Create(CultureInfo.InvariantCulture, $"bytes {first}-{last}/{file.Length}"), edit);

    /// <summary>Create-Session, the file in fragments of <paramref name="fragment"/> bytes, and the last Ack (not closed).</summary>
    public static async Task<(string Session, HttpResponseMessage LastAck)> UploadAsync(
        this HttpClient client, string path, byte[] file, int fragment, Action<HttpRequestMessage>? edit = null)
    {
        var session = await client.CreateSessionAsync(path, edit);
        HttpResponseMessage? ack = null;
        for (long first = 0; first < file.Length; first += fragment)
        {
            ack?.Dispose();
            ack = await client.FragmentAsync(path, session, file, first, Math.Min(file.Length, first + fragment) - 1, edit);
            Assert.Equal(200, (int)ack.StatusCode);
        }

        return (session, ack!);
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First()
        : response.Content.Headers.TryGetValues(name, out var content) ? content.First() : null;

    /// <summary>Asserts an Ack: status, BITS-Packet-Type: Ack, Content-Length: 0, and the error triple when there is an error code.</summary>
    public static void AssertAck(this HttpResponseMessage response, int status, string? error = null, string context = "0x5")
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("Ack", response.Header("BITS-Packet-Type"));
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Equal(error, response.Header("BITS-Error-Code"));
        Assert.Equal(error, response.Header("BITS-Error"));
        Assert.Equal(error is null ? null : context, response.Header("BITS-Error-Context"));
    }

    public static byte[] RandomFile(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
