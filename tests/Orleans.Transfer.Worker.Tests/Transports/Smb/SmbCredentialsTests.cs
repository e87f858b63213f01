using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>Which job credential a share connection uses.</summary>
public sealed class SmbCredentialsTests
{
    private static readonly Uri s_url = new("smb://fileserver/share/a.bin");
    private static readonly Uri s_portUrl = new("smb://127.0.0.1:4450/xfer/a.bin");

    [Fact]
    public void For_Negotiate_IsKerberosWithTheDomainSplit_AndPreferredToNtlm()
    {
        var credential = SmbCredentials.For(s_url, Request(
            s_url,
            new JobCredential(AuthTarget.Server, AuthScheme.Ntlm, @"CORP\bob", "pw1"),
            new JobCredential(AuthTarget.Server, AuthScheme.Negotiate, @"CORP\alice", "pw2")));

        Assert.Equal(new SmbCredential("CORP", "alice", "pw2", UseKerberos: true), credential);
    }

    [Fact]
    public void For_Ntlm_IsNtlm_AndAUserWithoutDomainKeepsNone()
    {
        var credential = SmbCredentials.For(s_portUrl, Request(s_portUrl, new JobCredential(AuthTarget.Server, AuthScheme.Ntlm, "xfer", "pw")));

        Assert.Equal(new SmbCredential(null, "xfer", "pw", UseKerberos: false), credential);
    }

    [Fact]
    public void For_NoServerCredential_IsAnonymous()
    {
        Assert.Null(SmbCredentials.For(s_url, Request(s_url, new JobCredential(AuthTarget.Proxy, AuthScheme.Ntlm, "p", "pw"))));
        Assert.Null(SmbCredentials.For(s_url, new FileTransferRequest(Guid.NewGuid(), 0, s_url.ToString(), "/tmp/x", [], FileCheckpoint.Empty)));
    }

    [Fact]
    public void For_AnotherOrigin_GetsNoCredential()
    {
        var request = Request(new Uri("smb://otherserver/share/a.bin"), new JobCredential(AuthTarget.Server, AuthScheme.Ntlm, "alice", "pw"));

        Assert.Null(SmbCredentials.For(s_url, request));
    }

    [Fact]
    public void For_OnlyBasic_FailsSayingToSetAnNtlmCredential()
    {
        var request = Request(s_url, new JobCredential(AuthTarget.Server, AuthScheme.Basic, "alice", "pw-secret"));

        var error = Assert.Throws<TransferFailedException>(() => SmbCredentials.For(s_url, request));

        Assert.Equal((TransferErrorCode.AuthenticationRequired, false), (error.Failure.Code, error.Failure.IsTransient));
        Assert.Contains($"xfer job set-credentials {request.JobId} --target server --scheme ntlm", error.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("basic", error.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-secret", error.Failure.Message, StringComparison.Ordinal);
    }

    private static FileTransferRequest Request(Uri origin, params JobCredential[] credentials) =>
        new(Guid.NewGuid(), 0, origin.ToString(), "/tmp/x", [], FileCheckpoint.Empty, Http: new HttpTransferOptions
        {
            Credentials = credentials,
            ServerAuthorities = new HashSet<string>([HttpTransferOptions.OriginOf(origin)], StringComparer.OrdinalIgnoreCase),
        });
}
