using System.Management.Automation;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.PowerShell;

/// <summary>
/// Maps -Credential (a PSCredential) onto the job's server credential. The password leaves the SecureString only for
/// the request body to the local API; the service stores it encrypted and never returns it, and nothing here prints it.
/// </summary>
internal static class CredentialArguments
{
    /// <summary>
    /// The server credential, or null for none. The scheme is -Authentication when given, else NTLM when a source is on
    /// an SMB share (shares take NTLM or Negotiate only), else Basic.
    /// </summary>
    /// <exception cref="TransferJobException">InvalidArgument: Basic or Digest for a share.</exception>
    public static JobCredential? ToServerCredential(PSCredential? credential, AuthScheme? authentication, IEnumerable<string> remotes)
    {
        if (credential is null || credential == PSCredential.Empty)
        {
            return authentication is null
                ? null
                : throw new TransferJobException(TransferErrorCode.InvalidArgument, "-Authentication: needs -Credential.", "Authentication");
        }

        var share = remotes.FirstOrDefault(SmbNames.IsSmb);
        var scheme = (authentication, share) switch
        {
            (null, null) => AuthScheme.Basic,
            (null, not null) => AuthScheme.Ntlm,
            (AuthScheme.Basic or AuthScheme.Digest, not null) => throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"-Authentication {authentication}: '{share}' is on an SMB share, which takes Ntlm or Negotiate credentials only.",
                "Authentication"),
            _ => authentication.Value,
        };
        return new JobCredential(AuthTarget.Server, scheme, credential.UserName, credential.GetNetworkCredential().Password);
    }
}
