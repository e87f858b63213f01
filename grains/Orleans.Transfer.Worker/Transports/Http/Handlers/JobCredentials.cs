using System.Net;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Worker;

/// <summary>
/// A job's credentials for one target, as the handler asks for them: a credential answers only the scheme it was set
/// for, and a server credential only the origins the job's files name (<see cref="HttpTransferOptions.OriginOf"/>), so
/// a redirect to another host, or to plain http on an https file's port, never receives it.
/// </summary>
internal sealed class JobCredentials : ICredentials
{
    private readonly Dictionary<string, NetworkCredential> _byScheme = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string>? _authorities;

    /// <param name="target">Server or proxy.</param>
    /// <param name="credentials">All of the job's credentials; those for the other target are left out.</param>
    /// <param name="authorities">For the server, the hosts that may receive them; null for the proxy.</param>
    public JobCredentials(AuthTarget target, IEnumerable<JobCredential> credentials, IEnumerable<string>? authorities)
    {
        foreach (var credential in credentials.Where(c => c.Target == target))
        {
            _byScheme[SchemeName(credential.Scheme)] = ToNetworkCredential(credential);
        }

        _authorities = authorities is null ? null : new HashSet<string>(authorities, StringComparer.OrdinalIgnoreCase);
    }

    public bool IsEmpty => _byScheme.Count == 0;


    /// <summary>The name SocketsHttpHandler asks for (the scheme's token in WWW-Authenticate).</summary>
    public static string SchemeName(AuthScheme scheme) => scheme switch
    {
        AuthScheme.Basic => "Basic",
        AuthScheme.Digest => "Digest",
        AuthScheme.Ntlm => "NTLM",
        AuthScheme.Negotiate => "Negotiate",
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "unknown authentication scheme"),
    };

    public NetworkCredential? GetCredential(Uri uri, string authType)
    {
        if (_authorities is not null && !_authorities.Contains(HttpTransferOptions.OriginOf(uri)))
        {
            return null;
        }

        return _byScheme.GetValueOrDefault(authType);
    }

    private static NetworkCredential ToNetworkCredential(JobCredential credential)
    {
        // DOMAIN\user is how NTLM and Negotiate name a Windows account; user@REALM stays whole for Kerberos.
        var backslash = credential.UserName.IndexOf('\\', StringComparison.Ordinal);
        return credential.Scheme is AuthScheme.Ntlm or AuthScheme.Negotiate && backslash > 0
            ? new NetworkCredential(credential.UserName[(backslash + 1)..], credential.Password, credential.UserName[..backslash])
            : new NetworkCredential(credential.UserName, credential.Password);
    }
}
