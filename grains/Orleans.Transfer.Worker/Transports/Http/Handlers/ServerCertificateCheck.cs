using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Server-certificate validation for a job that ignores some classes of error (BITS <c>BG_SSL_IGNORE_*</c>) or checks
/// revocation: the platform's validation runs as usual, its errors are sorted into the four classes, and the
/// certificate is accepted only when every error present is one the job ignores. Revocation failures, a missing
/// certificate and any other chain error are never ignored. A refusal throws <see cref="AuthenticationException"/>
/// naming the checks that failed, which the handler reports as a TLS failure.
/// </summary>
internal sealed class ServerCertificateCheck(CertificateErrors ignore, bool checkRevocation)
{
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var classes = CertificateErrors.None;
        var fatal = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            fatal.Add("the server sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            classes |= CertificateErrors.NameMismatch;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            classes |= Classify(chain, fatal);
        }

        var refused = classes & ~ignore;
        if (fatal.Count == 0 && refused == CertificateErrors.None)
        {
            return true;
        }

        var host = (sender as SslStream)?.TargetHostName is { Length: > 0 } name ? name : "the server";
        var failed = fatal.Concat(Describe(refused)).ToList();
        var ignored = ignore == CertificateErrors.None ? "none" : ignore.ToString();
        return Refuse(
            $"The certificate of {host} failed: {string.Join("; ", failed)} (errors the job ignores: {ignored}"
            + $"{(checkRevocation ? "; revocation is checked" : string.Empty)})");
    }

    // Thrown rather than returned as false, so the failure names the checks instead of SslStream's generic message.
    private static bool Refuse(string message) => throw new AuthenticationException(message);

    private CertificateErrors Classify(X509Chain? chain, List<string> fatal)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status)
            .Concat(chain.ChainElements.SelectMany(e => e.ChainElementStatus.Select(s => s.Status)))
            .Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status) ?? X509ChainStatusFlags.NoError;
        if (statuses == X509ChainStatusFlags.NoError)
        {
            fatal.Add("its chain could not be built");
            return CertificateErrors.None;
        }

        var classes = CertificateErrors.None;
        foreach (var flag in Enum.GetValues<X509ChainStatusFlags>().Where(f => f != X509ChainStatusFlags.NoError && statuses.HasFlag(f)))
        {
            switch (flag)
            {
                case X509ChainStatusFlags.NotTimeValid or X509ChainStatusFlags.NotTimeNested:
                    classes |= CertificateErrors.DateInvalid;
                    break;
                case X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain:
                    classes |= CertificateErrors.UnknownAuthority;
                    break;
                case X509ChainStatusFlags.NotValidForUsage:
                    classes |= CertificateErrors.WrongUsage;
                    break;
                case X509ChainStatusFlags.Revoked:
                    fatal.Add("it is revoked");
                    break;
                case X509ChainStatusFlags.RevocationStatusUnknown or X509ChainStatusFlags.OfflineRevocation:
                    // Only reported when the job asked for revocation checking, and then a check that cannot be made is fatal.
                    fatal.Add(checkRevocation
                        ? "its revocation could not be checked (no reachable CRL or OCSP responder)"
                        : "its revocation status is unknown");
                    break;
                default:
                    fatal.Add($"its chain has the error {flag}, which cannot be ignored");
                    break;
            }
        }

        return classes;
    }

    private static IEnumerable<string> Describe(CertificateErrors refused)
    {
        if (refused.HasFlag(CertificateErrors.NameMismatch))
        {
            yield return "it names another host (nameMismatch)";
        }

        if (refused.HasFlag(CertificateErrors.DateInvalid))
        {
            yield return "it is expired or not yet valid (dateInvalid)";
        }

        if (refused.HasFlag(CertificateErrors.UnknownAuthority))
        {
            yield return "it chains to an authority this machine does not trust (unknownAuthority)";
        }

        if (refused.HasFlag(CertificateErrors.WrongUsage))
        {
            yield return "it is not for server authentication (wrongUsage)";
        }
    }
}
