namespace Orleans.Transfer.Worker;

/// <summary>
/// The user a share connection authenticates as (NTLM, or Kerberos for a Negotiate credential), from the job's server
/// credential. In memory only; <see cref="ToString"/> leaves the password out.
/// </summary>
/// <param name="Domain">The domain or workgroup (<c>DOMAIN</c> of <c>DOMAIN\user</c>), or null for the server's default.</param>
/// <param name="UserName">The user name without the domain.</param>
/// <param name="Password">The password.</param>
/// <param name="UseKerberos">True for a Negotiate credential: Kerberos may be tried before NTLM.</param>
internal sealed record SmbCredential(string? Domain, string UserName, string Password, bool UseKerberos)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Domain = {Domain}, UserName = {UserName}, Password = ***, UseKerberos = {UseKerberos}");
        return true;
    }
}
