using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>Every SMB error kind's code, context and transience, for each direction.</summary>
public sealed class SmbFailuresTests
{
    private const string Url = "smb://fileserver/share/dir/a.bin";
    private static readonly Guid s_jobId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Theory]
    [InlineData((int)SmbErrorKind.NotFound, TransferDirection.Download, TransferErrorCode.SourceNotFound, ErrorContext.RemoteFile, false)]
    [InlineData((int)SmbErrorKind.NotFound, TransferDirection.Upload, TransferErrorCode.DestinationNotFound, ErrorContext.RemoteFile, false)]
    [InlineData((int)SmbErrorKind.ShareNotFound, TransferDirection.Download, TransferErrorCode.SourceNotFound, ErrorContext.RemoteFile, false)]
    [InlineData((int)SmbErrorKind.ShareNotFound, TransferDirection.Upload, TransferErrorCode.DestinationNotFound, ErrorContext.RemoteFile, false)]
    [InlineData((int)SmbErrorKind.AccessDenied, TransferDirection.Download, TransferErrorCode.AccessDenied, ErrorContext.RemoteFile, false)]
    [InlineData((int)SmbErrorKind.AuthenticationFailed, TransferDirection.Upload, TransferErrorCode.AuthenticationRequired, ErrorContext.RemoteFile, false)]
    [InlineData((int)SmbErrorKind.Unreachable, TransferDirection.Download, TransferErrorCode.ConnectionRefused, ErrorContext.Transport, true)]
    [InlineData((int)SmbErrorKind.ConnectionLost, TransferDirection.Upload, TransferErrorCode.ConnectionReset, ErrorContext.Transport, true)]
    [InlineData((int)SmbErrorKind.NoSpace, TransferDirection.Upload, TransferErrorCode.DiskFull, ErrorContext.RemoteFile, true)]
    [InlineData((int)SmbErrorKind.IsDirectory, TransferDirection.Download, TransferErrorCode.SourceNotRegularFile, ErrorContext.RemoteFile, false)]
    [InlineData((int)SmbErrorKind.ClientMissing, TransferDirection.Download, TransferErrorCode.NotSupported, ErrorContext.RemoteFile, false)]
    [InlineData((int)SmbErrorKind.Other, TransferDirection.Download, TransferErrorCode.NetworkError, ErrorContext.RemoteFile, false)]
    public void For_EachKind_HasItsCodeContextAndTransience(
        int kind, TransferDirection direction, TransferErrorCode code, ErrorContext context, bool transient)
    {
        var thrown = SmbFailures.For("open", Url, new SmbException((SmbErrorKind)kind, 13, "the client's words"), Remote(direction, credential: null));

        var failure = thrown switch
        {
            TransientNetworkException network => network.Failure,
            TransferFailedException failed => failed.Failure,
            _ => throw new InvalidOperationException(thrown.GetType().Name),
        };
        Assert.Equal((code, context, transient), (failure.Code, failure.Context, failure.IsTransient));
        Assert.Equal(context == ErrorContext.Transport, thrown is TransientNetworkException);
        Assert.StartsWith($"Could not open {Url}: the client's words", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_AMessageNamingTheUrl_IsNotPrefixedAgain()
    {
        var failure = SmbFailures.Failure("open", Url, new SmbException(SmbErrorKind.NotFound, 2, $"Could not open for reading {Url}: No such file or directory (ENOENT)."), Remote(TransferDirection.Download, null));

        Assert.StartsWith($"Could not open for reading {Url}: No such file", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, failure.Message.Split(Url).Length);
    }

    [Fact]
    public void For_ClientMissing_NamesThePackage()
    {
        var failure = SmbFailures.Failure("open", Url, new SmbException(SmbErrorKind.ClientMissing, 0, "libsmbclient.so.0 not found"), Remote(TransferDirection.Download, null));

        Assert.Contains("libsmbclient", failure.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "anonymous")]
    [InlineData(true, "refused the job's credential")]
    public void For_AuthenticationFailed_SaysHowToSetTheCredential(bool withCredential, string says)
    {
        var credential = withCredential ? new SmbCredential("CORP", "alice", "pw-secret", UseKerberos: false) : null;

        var failure = SmbFailures.Failure("open", Url, new SmbException(SmbErrorKind.AuthenticationFailed, 13, "logon failure"), Remote(TransferDirection.Download, credential));

        Assert.Contains(says, failure.Message, StringComparison.Ordinal);
        Assert.Contains($"xfer job set-credentials {s_jobId} --target server --scheme ntlm", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-secret", failure.Message, StringComparison.Ordinal);
    }

    private static SmbRemote Remote(TransferDirection direction, SmbCredential? credential)
    {
        Assert.True(SmbLocation.TryParse(Url, out var location, out _));
        return new SmbRemote(location, credential, s_jobId, direction);
    }
}
