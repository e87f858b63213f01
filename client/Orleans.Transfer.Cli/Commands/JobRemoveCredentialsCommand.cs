using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job remove-credentials &lt;id&gt; --target --scheme</c> (bitsadmin <c>/RemoveCredentials</c>).</summary>
internal sealed class JobRemoveCredentialsCommand : Command
{
    public JobRemoveCredentialsCommand(CliContext context)
        : base("remove-credentials", "Removes the job's credential for a target and scheme.")
    {
        var id = CliSymbols.JobId();
        var target = HttpSymbols.Target();
        var scheme = HttpSymbols.Scheme();
        target.Required = true;
        scheme.Required = true;
        Add(id);
        Add(target);
        Add(scheme);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var (authTarget, authScheme) = (parseResult.GetValue(target)!.Value, parseResult.GetValue(scheme)!.Value);
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.RemoveCredentialsAsync(parseResult.GetValue(id), authTarget, authScheme, cancellationToken);
            context.Error.WriteLine($"job {job.Id}: {HttpText.Credential(authTarget, authScheme)} credentials removed");
            return ExitCodes.Success;
        });
    }
}
