using System.Net;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Dashboard.Options;

/// <summary>Refuses dashboard settings that would serve it off loopback without TLS, or that cannot work.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(DashboardOptions options)
    {
        if (!options.Enabled)
        {
            yield break;
        }

        if (options.Port is < 0 or > 65535)
        {
            yield return $"Transfer:Dashboard:Port (XFER_WEB_PORT) is {options.Port}; use 1-65535, or 0 for any free port.";
        }

        if (!IPAddress.TryParse(options.ListenAddress, out var address))
        {
            yield return $"Transfer:Dashboard:ListenAddress '{options.ListenAddress}' is not an IP address; use 127.0.0.1 (the default).";
            yield break;
        }

        if (!IPAddress.IsLoopback(address))
        {
            if (options.CertificatePath is null)
            {
                yield return $"Transfer:Dashboard:ListenAddress {options.ListenAddress} is not loopback: set Transfer:Dashboard:CertificatePath (https), or listen on 127.0.0.1.";
            }

            if (options.AllowedHosts.Count == 0)
            {
                yield return $"Transfer:Dashboard:ListenAddress {options.ListenAddress} is not loopback: name the host browsers use in Transfer:Dashboard:AllowedHosts.";
            }
        }

        if (options.CertificatePath is { } path && !File.Exists(path))
        {
            yield return $"Transfer:Dashboard:CertificatePath {path} does not exist; give a PKCS#12 file without a password.";
        }

        if (options.LoginTokenLifetime <= TimeSpan.Zero || options.LoginTokenLifetime > TimeSpan.FromHours(1))
        {
            yield return "Transfer:Dashboard:LoginTokenLifetime must be more than zero and at most an hour (the default is 2 minutes).";
        }

        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            yield return "Transfer:Dashboard:SessionLifetime must be more than zero (the default is 12 hours).";
        }
    }
}
