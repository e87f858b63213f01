using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job set-client-cert &lt;id&gt; (--file F [--key K] [--password-stdin] | --store S (--thumbprint T | --subject S) | --remove)</c>
/// (bitsadmin <c>/SetClientCertificateByID|ByName</c>). The service reads the files once, with the caller's rights.
/// </summary>
internal sealed class JobSetClientCertCommand : Command
{
    private readonly Option<string?> _file = new("--file")
    {
        Description = "A PKCS#12 file (.pfx, .p12) holding certificate and key, or with --key a PEM certificate file.",
        HelpName = "file",
    };

    private readonly Option<string?> _key = new("--key") { Description = "The PEM private-key file for a PEM --file.", HelpName = "file" };

    private readonly Option<bool> _passwordStdin = new("--password-stdin")
    {
        Description = "Reads the PKCS#12 file's or the encrypted key's password from standard input (one line).",
    };

    private readonly Option<string?> _store = new("--store")
    {
        Description = "A certificate store of yours, such as My (Windows only: on Linux a store is the service's).",
        HelpName = "store",
    };

    private readonly Option<string?> _thumbprint = new("--thumbprint") { Description = "With --store: the certificate's SHA-1 thumbprint (40 hex digits).", HelpName = "hex" };

    private readonly Option<string?> _subject = new("--subject") { Description = "With --store: the certificate's subject name.", HelpName = "name" };

    private readonly Option<bool> _remove = new("--remove") { Description = "Removes the job's client certificate." };

    public JobSetClientCertCommand(CliContext context)
        : base("set-client-cert", "Sets the client certificate the job presents to servers, or removes it.")
    {
        var id = CliSymbols.JobId();
        Add(id);
        Add(_file);
        Add(_key);
        Add(_passwordStdin);
        Add(_store);
        Add(_thumbprint);
        Add(_subject);
        Add(_remove);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var spec = parseResult.GetValue(_remove) ? CheckRemove(parseResult) : Spec(parseResult, context);
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.SetClientCertificateAsync(parseResult.GetValue(id), spec, cancellationToken);
            context.Error.WriteLine(job.Http?.ClientCertificate is { } certificate
                ? $"job {job.Id}: client certificate {TerminalText.Safe(certificate.Subject)} ({certificate.Thumbprint}) set"
                : $"job {job.Id}: client certificate {(spec is null ? "removed" : "set")}");
            return ExitCodes.Success;
        });
    }

    private ClientCertificateSpec? CheckRemove(ParseResult parseResult)
    {
        if (parseResult.GetValue(_file) is not null || parseResult.GetValue(_store) is not null || parseResult.GetValue(_key) is not null
            || parseResult.GetValue(_thumbprint) is not null || parseResult.GetValue(_subject) is not null || parseResult.GetValue(_passwordStdin))
        {
            throw new UsageException("--remove: takes no other option.");
        }

        return null;
    }

    private ClientCertificateSpec Spec(ParseResult parseResult, CliContext context)
    {
        var (file, key, store) = (parseResult.GetValue(_file), parseResult.GetValue(_key), parseResult.GetValue(_store));
        var (thumbprint, subject) = (parseResult.GetValue(_thumbprint), parseResult.GetValue(_subject));
        if ((file is null) == (store is null))
        {
            throw new UsageException("job set-client-cert: give --file (with --key for PEM), --store with --thumbprint or --subject, or --remove.");
        }

        if (file is not null)
        {
            if (thumbprint is not null || subject is not null)
            {
                throw new UsageException("--thumbprint, --subject: only with --store, not --file.");
            }

            var password = parseResult.GetValue(_passwordStdin) ? SecretInput.ReadLine(context, "certificate password") : null;
            return key is null
                ? new ClientCertificateSpec(ClientCertificateSource.Pkcs12File, Path.GetFullPath(file), Password: password)
                : new ClientCertificateSpec(ClientCertificateSource.PemFiles, Path.GetFullPath(file), Path.GetFullPath(key), password);
        }

        if (key is not null || parseResult.GetValue(_passwordStdin))
        {
            throw new UsageException("--key, --password-stdin: only with --file, not --store.");
        }

        if ((thumbprint is null) == (subject is null))
        {
            throw new UsageException("--store: give exactly one of --thumbprint and --subject.");
        }

        return new ClientCertificateSpec(ClientCertificateSource.Store, StoreName: store, Thumbprint: thumbprint, Subject: subject);
    }
}
