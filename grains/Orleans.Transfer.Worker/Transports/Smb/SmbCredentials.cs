using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// Which of the job's credentials a share connection uses: the job's server credential for the file's origin
/// (<see cref="HttpTransferOptions.OriginOf"/>, <c>smb://host:port</c>), Negotiate (Kerberos, then NTLM) before NTLM;
/// <c>DOMAIN\user</c> is split into domain and user. With no server credential the connection is anonymous. Basic and
/// Digest are HTTP schemes a share cannot use: a job whose only server credentials are those fails fatally with
/// AuthenticationRequired rather than silently connecting anonymously.
/// </summary>
internal static class SmbCredentials
{
    /// <summary>The credential for <paramref name="url"/>, or null for anonymous; throws a fatal <see cref="TransferFailedException"/> (see the type).</summary>
    public static SmbCredential? For(Uri url, FileTransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Http is not { } http || !http.ServerAuthorities.Contains(HttpTransferOptions.OriginOf(url)))
        {
            return null;
        }

        var server = http.Credentials.Where(c => c.Target == AuthTarget.Server).ToList();
        var chosen = server.FirstOrDefault(c => c.Scheme == AuthScheme.Negotiate) ?? server.FirstOrDefault(c => c.Scheme == AuthScheme.Ntlm);
        if (chosen is not null)
        {
            return Split(chosen);
        }

        if (server.Count == 0)
        {
            return null;
        }

        var schemes = string.Join(" and ", server.Select(c => c.Scheme.ToString().ToLowerInvariant()).Distinct());
        throw new TransferFailedException(new TransferFailure(
            TransferErrorCode.AuthenticationRequired,
            ErrorContext.RemoteFile,
            $"The job's server credential for {url.GetLeftPart(UriPartial.Authority)} is {schemes}, which an SMB share cannot use; set an ntlm or negotiate "
                + $"credential ({SmbFailures.SetCredentialCommand(request.JobId)}), then resume the job.",
            HttpStatus: null,
            IsTransient: false));
    }

    private static SmbCredential Split(JobCredential credential)
    {
        var name = credential.UserName;
        var slash = name.IndexOf('\\', StringComparison.Ordinal);
        var (domain, user) = slash > 0 ? (name[..slash], name[(slash + 1)..]) : ((string?)null, name.TrimStart('\\'));
        return new SmbCredential(domain, user, credential.Password, UseKerberos: credential.Scheme == AuthScheme.Negotiate);
    }
}
