using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Tests.State;

/// <summary>A stored job whose HTTP options hold values this version does not know is damaged, naming the member only.</summary>
public sealed class StoredJobCheckHttpTests
{
    public static TheoryData<string, Action<JobHttpState>> Corruptions => new()
    {
        { "Http.Credentials.Scheme", h => h.Credentials.Add(new StoredCredential { Target = AuthTarget.Server, Scheme = (AuthScheme)9, ProtectedPassword = "x" }) },
        { "Http.Proxy.Usage", h => h.Proxy = new ProxySettings((ProxyUsage)7) },
        { "Http.Redirects", h => h.Redirects = (RedirectPolicy)5 },
        { "Http.IgnoreCertificateErrors", h => h.IgnoreCertificateErrors = (CertificateErrors)64 },
        { "Http.ClientCertificate.Source", h => h.ClientCertificate = new ClientCertificateInfo((ClientCertificateSource)0, "/c.pfx", "CN=c", "00", DateTimeOffset.UnixEpoch) },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void UnknownValues_InTheHttpOptions_AreFound(string member, Action<JobHttpState> corrupt)
    {
        var job = new TransferJobState { Exists = true, Owner = "tester", Http = new JobHttpState() };
        Assert.Null(StoredJobCheck.FindProblem(job));

        corrupt(job.Http);

        Assert.Contains($"'{member}'", StoredJobCheck.FindProblem(job), StringComparison.Ordinal);
    }
}
