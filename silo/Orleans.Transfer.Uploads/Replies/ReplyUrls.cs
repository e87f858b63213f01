using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Orleans.Transfer.Uploads.Files;

namespace Orleans.Transfer.Uploads.Replies;

/// <summary>
/// Reply URLs: <c>&lt;directory&gt;/.bits-replies/&lt;session&gt;/&lt;token&gt;</c>, absolute, with a token of 32 random
/// bytes; valid while the session exists (Close-Session, Cancel-Session and the timeout end it).
/// </summary>
internal static class ReplyUrls
{
    public const string Segment = ".bits-replies";

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Build(HttpRequest request, UploadDirectory directory, string sessionId, string token) =>
        $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{directory.Path}/{Segment}/{UploadDirectory.Compact(sessionId)}/{token}";

    /// <summary>The upload's URL as the client sent it, with its query.</summary>
    public static Uri UploadUrl(HttpRequest request) =>
        new($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}");

    /// <summary>
    /// The application's URL: the directory's, with the upload URL's query appended. A relative one resolves against
    /// the upload's URL on the address the connection reached (this server), never against the Host header: the client
    /// chooses that header, and would otherwise make the server POST uploads to any host it names.
    /// </summary>
    public static Uri NotificationUrl(HttpRequest request, string configured)
    {
        var target = new Uri(LocalUploadUrl(request), configured);
        if (!request.QueryString.HasValue)
        {
            return target;
        }

        var query = request.QueryString.Value![1..];
        var builder = new UriBuilder(target) { Query = string.IsNullOrEmpty(target.Query) ? query : target.Query[1..] + "&" + query };
        return builder.Uri;
    }

    private static Uri LocalUploadUrl(HttpRequest request)
    {
        var connection = request.HttpContext.Connection;
        var address = connection.LocalIpAddress ?? IPAddress.Loopback;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var port = connection.LocalPort > 0 ? connection.LocalPort : (request.IsHttps ? 443 : 80);
        return new Uri($"{request.Scheme}://{host}:{port}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}");
    }
}
