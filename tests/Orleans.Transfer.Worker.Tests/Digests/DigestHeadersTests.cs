using System.Net;
using System.Security.Cryptography;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>Which digests a response states: RFC 9530 dictionaries (with parameters), the legacy header, and what is skipped.</summary>
public sealed class DigestHeadersTests
{
    private static readonly byte[] s_sha256 = SHA256.HashData("hello"u8);
    private static readonly byte[] s_sha512 = SHA512.HashData("hello"u8);

    [Fact]
    public void ReprDigest_Dictionary_WithParametersAndUnknownAlgorithms()
    {
        using var response = Response(HttpStatusCode.OK, ("Repr-Digest", $"md5=:AAAA:, SHA-256=:{B64(s_sha256)}:;note=1, sha-512=:{B64(s_sha512)}:"));

        var digests = DigestHeaders.Read(response, wholeFile: true, (_, reason) => Assert.Fail(reason));

        Assert.Equal(
            [(DigestAlgorithm.Sha256, B64(s_sha256)), (DigestAlgorithm.Sha512, B64(s_sha512))],
            digests.Select(d => (d.Algorithm, B64(d.Value))));
        Assert.All(digests, d => Assert.Equal("the server's Repr-Digest header", d.Source));
    }

    [Fact]
    public void ContentDigestAndLegacyDigest_CountOnlyForAWholeFile()
    {
        using var response = Response(
            HttpStatusCode.PartialContent, ("Content-Digest", $"sha-256=:{B64(s_sha256)}:"), ("Digest", $"SHA-256={B64(s_sha256)}"));

        Assert.Empty(DigestHeaders.Read(response, wholeFile: false, (_, reason) => Assert.Fail(reason)));
        Assert.Equal(
            ["the server's Content-Digest header", "the server's Digest header"],
            DigestHeaders.Read(response, wholeFile: true, (_, reason) => Assert.Fail(reason)).Select(d => d.Source));
    }

    [Theory]
    [InlineData("Repr-Digest", "sha-256=:%%%:")]
    [InlineData("Repr-Digest", "sha-256=:AAAA:")]
    [InlineData("Repr-Digest", "sha-256=:AAAA:x")]
    [InlineData("Repr-Digest", "sha-256")]
    [InlineData("Digest", "SHA-512=AAAA")]
    public void UnusableValue_IsReportedAndSkipped(string header, string value)
    {
        using var response = Response(HttpStatusCode.OK, (header, value));
        var ignored = new List<string>();

        var digests = DigestHeaders.Read(response, wholeFile: true, (name, _) => ignored.Add(name));

        Assert.Empty(digests);
        Assert.Equal([header], ignored);
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static HttpResponseMessage Response(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
