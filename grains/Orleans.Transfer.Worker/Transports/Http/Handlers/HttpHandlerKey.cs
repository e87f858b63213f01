using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// What makes two runs' handlers interchangeable: the owner, the credentials (identity and password), the client
/// certificate, the proxy settings, the server-certificate rules and whether its connections yield. Only a SHA-256 over them is kept, so the pool
/// holds no password in its keys. Headers, redirects and dynamic content are per request and not part of it.
/// </summary>
internal static class HttpHandlerKey
{
    /// <summary>
    /// True when nothing in <paramref name="options"/> changes the handler: the shared one serves it. A custom
    /// Authorization header counts: with Negotiate or NTLM it authenticates the connection, which must not be reused
    /// for another owner.
    /// </summary>
    public static bool UsesSharedHandler(HttpTransferOptions? options) =>
        options is null
        || (options.Credentials.Count == 0
            && !options.Headers.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            && options.Proxy.Usage == ProxyUsage.System
            && options.ClientCertificate is null
            && options.IgnoreCertificateErrors == CertificateErrors.None
            && !options.CheckRevocation);

    public static string Compute(string? owner, HttpTransferOptions options, bool yield = false)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, owner ?? "\0service");
        Add(hash, $"yield:{yield}");
        foreach (var credential in options.Credentials.OrderBy(c => c.Target).ThenBy(c => c.Scheme))
        {
            Add(hash, $"credential:{(int)credential.Target}:{(int)credential.Scheme}");
            Add(hash, credential.UserName);
            Add(hash, credential.Password);
        }

        Add(hash, $"proxy:{(int)options.Proxy.Usage}");
        foreach (var entry in options.Proxy.Proxies ?? [])
        {
            Add(hash, entry);
        }

        Add(hash, "bypass");
        foreach (var entry in options.Proxy.Bypass ?? [])
        {
            Add(hash, entry);
        }

        Add(hash, $"certificate:{(int)options.IgnoreCertificateErrors}:{options.CheckRevocation}");
        if (options.ClientCertificate is { } certificate)
        {
            Add(hash, certificate.Span);
        }

        Add(hash, "authorities");
        foreach (var authority in options.ServerAuthorities.Order(StringComparer.OrdinalIgnoreCase))
        {
            Add(hash, authority.ToLowerInvariant());
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, string value) => Add(hash, Encoding.UTF8.GetBytes(value));

    // Each field is length-prefixed, so no two different field lists hash the same bytes.
    private static void Add(IncrementalHash hash, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, value.Length);
        hash.AppendData(length);
        hash.AppendData(value);
    }
}
