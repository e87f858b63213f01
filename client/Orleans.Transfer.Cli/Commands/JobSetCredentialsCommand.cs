using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job set-credentials &lt;id&gt; --target --scheme --user [--password-file F]</c> (bitsadmin
/// <c>/SetCredentials</c>): the password from standard input or a file, never the command line.
/// </summary>
internal sealed class JobSetCredentialsCommand : Command
{
    public JobSetCredentialsCommand(CliContext context)
        : base("set-credentials", "Sets the job's credential for a target and scheme; the password is read from standard input (or --password-file).")
    {
        var id = CliSymbols.JobId();
        var target = HttpSymbols.Target();
        var scheme = HttpSymbols.Scheme();
        var user = HttpSymbols.User("The user name: DOMAIN\\user or user@REALM for ntlm and negotiate.");
        var passwordFile = new Option<string?>("--password-file")
        {
            Description = "Reads the password from this file (one trailing line end ignored) instead of standard input.",
            HelpName = "file",
        };
        target.Required = true;
        scheme.Required = true;
        user.Required = true;
        Add(id);
        Add(target);
        Add(scheme);
        Add(user);
        Add(passwordFile);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var userName = parseResult.GetValue(user)!;
            var password = parseResult.GetValue(passwordFile) is { } file
                ? SecretInput.ReadFile(file, "--password-file")
                : SecretInput.ReadLine(context, $"password for {userName}");
            var credential = new JobCredential(parseResult.GetValue(target)!.Value, parseResult.GetValue(scheme)!.Value, userName, password);
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.SetCredentialsAsync(parseResult.GetValue(id), credential, cancellationToken);
            context.Error.WriteLine($"job {job.Id}: {HttpText.Credential(credential.Target, credential.Scheme)} credentials set for {TerminalText.Safe(userName)}");
            return ExitCodes.Success;
        });
    }
}
