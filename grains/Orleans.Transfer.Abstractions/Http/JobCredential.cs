using System.Text;

namespace Orleans.Transfer.Http;

/// <summary>
/// A credential to set on a job (BITS <c>SetCredentials</c>): one per (target, scheme), replacing one set before. The
/// password is stored encrypted and never returned or printed; <see cref="ToString"/> leaves it out.
/// </summary>
/// <param name="Target">Server or proxy.</param>
/// <param name="Scheme">The scheme it answers.</param>
/// <param name="UserName">Required, at most 300 characters; <c>DOMAIN\user</c> or <c>user@REALM</c> for NTLM and Negotiate.</param>
/// <param name="Password">Required, at most 65,535 characters.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.Http.JobCredential")]
public sealed record JobCredential(AuthTarget Target, AuthScheme Scheme, string UserName, string Password)
{
    /// <summary>Checks the credential; throws <see cref="TransferJobException"/> naming the field at the first problem.</summary>
    /// <param name="field">The field path of this credential in the caller's request, for messages.</param>
    public void Validate(string field = "credential")
    {
        if (!Enum.IsDefined(Target))
        {
            throw Invalid($"{field}.target", $"{field}.target must be server or proxy.");
        }

        if (!Enum.IsDefined(Scheme))
        {
            throw Invalid($"{field}.scheme", $"{field}.scheme must be basic, digest, ntlm or negotiate.");
        }

        if (string.IsNullOrWhiteSpace(UserName) || UserName.Length > HttpLimits.MaxUserNameLength || HasControl(UserName))
        {
            throw Invalid($"{field}.userName", $"{field}.userName is required: 1 to {HttpLimits.MaxUserNameLength} characters, no control characters.");
        }

        if (Scheme == AuthScheme.Basic && UserName.Contains(':', StringComparison.Ordinal))
        {
            throw Invalid($"{field}.userName", $"{field}.userName holds ':', which Basic authentication cannot carry.");
        }

        if (string.IsNullOrEmpty(Password) || Password.Length > HttpLimits.MaxPasswordLength || Password.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid($"{field}.password", $"{field}.password is required: 1 to {HttpLimits.MaxPasswordLength} characters, no NUL.");
        }
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Target = {Target}, Scheme = {Scheme}, UserName = {UserName}, Password = ***");
        return true;
    }

    private static bool HasControl(string value) => value.Any(char.IsControl);

    private static TransferJobException Invalid(string field, string message) => new(TransferErrorCode.InvalidArgument, message, field);
}
