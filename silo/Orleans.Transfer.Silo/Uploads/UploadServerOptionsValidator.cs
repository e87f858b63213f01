using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Silo.Uploads;

/// <summary>
/// Checks what the silo needs to host the upload server (address, port, certificate, roots, anonymous access); the
/// server library checks the rest of each directory. In a cluster (<paramref name="clustered"/>) every directory must say
/// whether its root is shared storage. Runs before the silo starts, and again as an options validator.
/// </summary>
internal sealed class UploadServerOptionsValidator(UploadHostingOptions hosting, bool clustered) : IValidateOptions<BitsUploadServerOptions>
{
    private const string Section = BitsUploadServerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, BitsUploadServerOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public IEnumerable<string> Problems(BitsUploadServerOptions options)
    {
        if (options.Directories.Count == 0)
        {
            yield break;
        }

        if (options.Port is < 1 or > 65535)
        {
            yield return $"{Section}:Port (XFER_UPLOAD_PORT) is {options.Port}; use a TCP port from 1 to 65535 (default 8470).";
        }

        var loopback = true;
        if (!IPAddress.TryParse(options.ListenAddress, out var address))
        {
            yield return $"{Section}:ListenAddress '{options.ListenAddress}' is not an IP address; use 127.0.0.1 (the default), ::1 or the address of one interface.";
        }
        else
        {
            loopback = IPAddress.IsLoopback(address);
        }

        if (options.CertificatePath is { } certificate)
        {
            if (!Path.IsPathFullyQualified(certificate) || !File.Exists(certificate))
            {
                yield return $"{Section}:CertificatePath '{certificate}' is not an existing file; give the absolute path of a PKCS#12 (.pfx) file with the certificate and its key.";
            }
        }
        else if (!loopback)
        {
            yield return $"{Section}:ListenAddress {options.ListenAddress} is not a loopback address and {Section}:CertificatePath is not set: "
                + "uploads and passwords would cross the network in clear text. Set CertificatePath (https), or listen on 127.0.0.1.";
        }

        foreach (var directory in options.Directories)
        {
            var which = $"{Section}:Directories (Path '{directory.Path}'{(directory.Path == UploadEnvironment.DirectoryPath ? ", or XFER_UPLOAD_ROOT" : "")})";
            if (string.IsNullOrWhiteSpace(directory.Root))
            {
                yield return $"{which}: Root is required, the absolute directory uploads land in.";
            }
            else if (!Path.IsPathFullyQualified(directory.Root))
            {
                yield return $"{which}: Root '{directory.Root}' is not an absolute path.";
            }
            else if (!Directory.Exists(directory.Root))
            {
                yield return $"{which}: Root '{directory.Root}' does not exist; create it (writable by the account uploads are written as) or fix the setting.";
            }

            if (clustered && directory.Shared is null)
            {
                var key = directory.Path == UploadEnvironment.DirectoryPath
                    ? $"Transfer__Uploads__Directories__{UploadEnvironment.RootVariable}__Shared"
                    : $"{Section}:Directories:<n>:Shared";
                yield return $"{which}: this silo is in a cluster (XFER_CLUSTER_ID), so a load balancer may send any packet of a session to any silo, "
                    + $"and every one of them must see the session's partial file under Root. Set {key} to true when Root is storage every silo "
                    + "reaches at the same path (NFS, SMB, CephFS), or to false when it is this machine's own disk and only this silo serves the "
                    + "directory's URL (docs/uploads.md, \"Any silo, any packet\").";
            }

            if (directory.Authentication == BitsAuthentication.Host)
            {
                yield return $"{which}: Authentication Host means the hosting app's own authorization, which the silo has none of; use Anonymous or Basic.";
            }
            else if (directory.Authentication == BitsAuthentication.Anonymous && !loopback && !hosting.AllowAnonymousOnNetwork)
            {
                yield return $"{which}: Authentication is Anonymous on the non-loopback address {options.ListenAddress}, so anyone on the network could upload; "
                    + $"use Basic with a PasswordFile, or set {Section}:AllowAnonymousOnNetwork to true if that is intended.";
            }
        }
    }
}
