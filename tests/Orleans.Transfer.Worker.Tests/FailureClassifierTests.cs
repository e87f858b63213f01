using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Orleans.Transfer.Worker.Tests;

public sealed class FailureClassifierTests
{
    public static TheoryData<string, TransferErrorCode, bool, bool> NetworkRows => new()
    {
        { "dns", TransferErrorCode.DnsFailure, true, false },
        { "dns-socket", TransferErrorCode.DnsFailure, true, false },
        { "refused", TransferErrorCode.ConnectionRefused, true, true },
        { "tls", TransferErrorCode.TlsFailure, false, false },
        { "tls-error", TransferErrorCode.TlsFailure, false, false },
        { "connect-timeout", TransferErrorCode.Timeout, true, true },
        { "socket-timeout", TransferErrorCode.Timeout, true, true },
        { "ended", TransferErrorCode.TruncatedBody, true, true },
        { "reset", TransferErrorCode.ConnectionReset, true, true },
        { "io", TransferErrorCode.NetworkError, true, true },
        { "http", TransferErrorCode.NetworkError, true, true },
    };

    [Theory]
    [MemberData(nameof(NetworkRows))]
    public void ForNetwork_Exception_MapsToRow(string kind, TransferErrorCode code, bool transient, bool retryInRun)
    {
        var failure = FailureClassifier.ForNetwork(NetworkException(kind), "http://h/f", "after 5 bytes", out var retry);

        Assert.Equal(code, failure.Code);
        Assert.Equal(ErrorContext.Transport, failure.Context);
        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal(retryInRun, retry);
        Assert.Null(failure.HttpStatus);
        Assert.Contains("http://h/f", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(408, TransferErrorCode.HttpStatus, true)]
    [InlineData(429, TransferErrorCode.HttpStatus, true)]
    [InlineData(500, TransferErrorCode.HttpStatus, true)]
    [InlineData(502, TransferErrorCode.HttpStatus, true)]
    [InlineData(503, TransferErrorCode.HttpStatus, true)]
    [InlineData(504, TransferErrorCode.HttpStatus, true)]
    [InlineData(501, TransferErrorCode.HttpStatus, false)]
    [InlineData(505, TransferErrorCode.HttpStatus, false)]
    [InlineData(400, TransferErrorCode.HttpStatus, false)]
    [InlineData(403, TransferErrorCode.HttpStatus, false)]
    [InlineData(404, TransferErrorCode.HttpStatus, false)]
    [InlineData(409, TransferErrorCode.HttpStatus, false)]
    [InlineData(410, TransferErrorCode.HttpStatus, false)]
    [InlineData(451, TransferErrorCode.HttpStatus, false)]
    [InlineData(302, TransferErrorCode.RedirectLoop, false)]
    [InlineData(307, TransferErrorCode.RedirectLoop, false)]
    public void ForStatus_Status_MapsToRow(int status, TransferErrorCode code, bool transient)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(9));

        var failure = FailureClassifier.ForStatus(response, "http://h/f", DateTimeOffset.UnixEpoch);

        Assert.Equal(code, failure.Code);
        Assert.Equal(ErrorContext.RemoteFile, failure.Context);
        Assert.Equal(status, failure.HttpStatus);
        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal(transient ? TimeSpan.FromSeconds(9) : null, failure.RetryAfter);
    }

    [Theory]
    [InlineData(401, "WWW-Authenticate", ErrorContext.RemoteFile, "the server asked for NTLM")]
    [InlineData(407, "Proxy-Authenticate", ErrorContext.Transport, "the proxy asked for NTLM")]
    public void ForStatus_AuthenticationChallenge_AuthenticationRequiredNamingWhoAsked(
        int status, string header, ErrorContext context, string asked)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.TryAddWithoutValidation(header, "NTLM");

        var failure = FailureClassifier.ForStatus(response, "http://h/f", DateTimeOffset.UnixEpoch);

        Assert.Equal(TransferErrorCode.AuthenticationRequired, failure.Code);
        Assert.Equal(context, failure.Context);
        Assert.Equal(status, failure.HttpStatus);
        Assert.False(failure.IsTransient);
        Assert.Contains(asked, failure.Message, StringComparison.Ordinal);
        Assert.Contains("no NTLM credentials", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--scheme ntlm", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<Exception, ErrorContext, TransferErrorCode, bool> LocalRows => new()
    {
        { new IOException("No space left on device", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28), ErrorContext.LocalFile, TransferErrorCode.DiskFull, true },
        { new IOException("Disk quota exceeded", OperatingSystem.IsWindows() ? unchecked((int)0x80070027) : 122), ErrorContext.LocalFile, TransferErrorCode.DiskFull, true },
        { new UnauthorizedAccessException("denied"), ErrorContext.LocalFile, TransferErrorCode.DestinationNotWritable, false },
        { new IOException("Read-only file system", OperatingSystem.IsWindows() ? unchecked((int)0x80070005) : 30), ErrorContext.LocalFile, TransferErrorCode.DestinationNotWritable, false },
        { new DirectoryNotFoundException("gone"), ErrorContext.LocalFile, TransferErrorCode.DestinationNotFound, false },
        { new IOException("I/O error", 5), ErrorContext.LocalFile, TransferErrorCode.LocalIoError, false },
        { new UnauthorizedAccessException("denied"), ErrorContext.RemoteFile, TransferErrorCode.LocalIoError, false },
    };

    [Theory]
    [MemberData(nameof(LocalRows))]
    public void ForLocal_Exception_MapsToRow(Exception exception, ErrorContext context, TransferErrorCode code, bool transient)
    {
        var failure = FailureClassifier.ForLocal("write the temp file", "/x/.f.tmp", exception, context);

        Assert.Equal(code, failure.Code);
        Assert.Equal(context, failure.Context);
        Assert.Equal(transient, failure.IsTransient);
        Assert.Contains("/x/.f.tmp", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsDiskFull_RealWriteToDevFull_IsDetected()
    {
        if (!File.Exists("/dev/full"))
        {
            return; // Linux only: /dev/full fails every write with ENOSPC, which shows what .NET reports for it.
        }

        using var handle = File.OpenHandle("/dev/full", FileMode.Open, FileAccess.Write);
        var error = Assert.ThrowsAny<IOException>(() => RandomAccess.Write(handle, new byte[4096], 0));

        Assert.True(FailureClassifier.IsDiskFull(error), $"HResult {error.HResult}: {error.Message}");
    }

    private static Exception NetworkException(string kind) => kind switch
    {
        "dns" => new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"),
        "dns-socket" => new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound)),
        "refused" => new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)),
        "tls" => new HttpRequestException("ssl", new AuthenticationException("frame")),
        "tls-error" => new HttpRequestException(HttpRequestError.SecureConnectionError, "ssl"),
        "connect-timeout" => new TaskCanceledException("connect", new TimeoutException()),
        "socket-timeout" => new IOException("x", new SocketException((int)SocketError.TimedOut)),
        "ended" => new HttpIOException(HttpRequestError.ResponseEnded, "ended early"),
        "reset" => new IOException("x", new SocketException((int)SocketError.ConnectionReset)),
        "io" => new IOException("broken"),
        _ => new HttpRequestException("other"),
    };
}
