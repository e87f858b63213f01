using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Orleans.Transfer.Worker;

/// <summary>
/// What makes two downloads the same content: the URL and a strong validator (the strong ETag, else Last-Modified
/// with the length). A changed validator is another identity, so a changed file is fetched again.
/// </summary>
/// <param name="Url">The URL as the job names it (no userinfo: such requests are never shared).</param>
/// <param name="Validator">The strong ETag as sent, or <c>lm:</c> and the Last-Modified date.</param>
/// <param name="Length">The content's length in bytes.</param>
internal sealed record ContentIdentity(string Url, string Validator, long Length)
{
    /// <summary>The key of the content grain and the store's directory name: the SHA-256 of the three, hex.</summary>
    public string Key { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Url}\n{Validator}\n{Length}")));

    /// <summary>The number of blocks.</summary>
    public int Blocks => (int)((Length + ContentCacheOptions.BlockSize - 1) / ContentCacheOptions.BlockSize);

    /// <summary>The ETag or Last-Modified that <see cref="TransferSession.ConnectedAsync"/> records for resumes.</summary>
    public string? ETag => Validator.StartsWith("lm:", StringComparison.Ordinal) ? null : Validator;

    /// <summary>
    /// The identity of a 200 response to a plain request for <paramref name="url"/>, or null with the reason when the
    /// response may not be shared (see <see cref="SharingRules"/>) or names no strong validator and length.
    /// </summary>
    public static ContentIdentity? Of(Uri url, HttpResponseMessage response, out string? lastModified, out string reason)
    {
        lastModified = response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            reason = $"the origin answered HTTP {(int)response.StatusCode}";
            return null;
        }

        if (SharingRules.ForbidsSharing(response) is { } forbidden)
        {
            reason = forbidden;
            return null;
        }

        if (response.Content.Headers.ContentLength is not { } length || length <= 0)
        {
            reason = "the response has no length";
            return null;
        }

        string validator;
        if (response.Headers.ETag is { IsWeak: false } etag)
        {
            validator = etag.Tag;
        }
        else if (lastModified is not null)
        {
            validator = "lm:" + lastModified;
        }
        else
        {
            reason = "the response has no strong ETag or Last-Modified";
            return null;
        }

        reason = string.Empty;
        return new ContentIdentity(url.AbsoluteUri, validator, length);
    }
}
