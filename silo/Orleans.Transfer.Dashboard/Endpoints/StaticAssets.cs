using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.Dashboard.Endpoints;

/// <summary>The pages, script and style sheet, embedded in this assembly (wwwroot/): nothing is read from disk or a CDN.</summary>
internal static class StaticAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> s_assets = Load();

    /// <summary>The asset named <paramref name="name"/> (e.g. <c>app.js</c>), or 404.</summary>
    public static IResult Serve(string name, int statusCode = StatusCodes.Status200OK) =>
        s_assets.TryGetValue(name, out var asset)
            ? new AssetResult(asset.Content, asset.ContentType, statusCode)
            : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource["wwwroot/".Length..];
            assets[name] = (buffer.ToArray(), Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            });
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed class AssetResult(byte[] content, string contentType, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = content.Length;
            return httpContext.Response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }
    }
}
