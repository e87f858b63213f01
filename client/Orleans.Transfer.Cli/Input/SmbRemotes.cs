using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// What the CLI decides for SMB remotes (<see cref="SmbNames"/>) before the service does: which scheme <c>--user</c>
/// gets. The service parses and checks the name (traversal, user info, ...) and has the last word.
/// </summary>
internal static class SmbRemotes
{
    /// <summary>
    /// The scheme of the server credential <c>--user</c> sets: <paramref name="given"/> (<c>--auth</c>) when there is one,
    /// else ntlm when a remote is an SMB share, else basic. Shares authenticate with NTLM or Kerberos only, so basic and
    /// digest are refused when a remote is a share.
    /// </summary>
    /// <exception cref="UsageException"><paramref name="given"/> is basic or digest and a remote is a share.</exception>
    public static AuthScheme CredentialScheme(AuthScheme? given, IEnumerable<string> remotes)
    {
        var share = remotes.FirstOrDefault(SmbNames.IsSmb);
        if (share is null)
        {
            return given ?? AuthScheme.Basic;
        }

        return given switch
        {
            null => AuthScheme.Ntlm,
            AuthScheme.Ntlm or AuthScheme.Negotiate => given.Value,
            _ => throw new UsageException(
                $"--auth {given.Value.ToString().ToLowerInvariant()}: '{share}' is on an SMB share, which takes ntlm or negotiate "
                + "credentials only; leave --auth out (ntlm) or give --auth negotiate, and put an http server that needs "
                + $"{given.Value.ToString().ToLowerInvariant()} in a job of its own."),
        };
    }
}
