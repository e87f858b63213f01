using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job set-headers &lt;id&gt; "Name: value"... | --clear</c> (bitsadmin <c>/SetCustomHeaders</c>): replaces the
/// job's custom headers. Values may carry tokens: nothing here prints one.
/// </summary>
internal sealed class JobSetHeadersCommand : Command
{
    public JobSetHeadersCommand(CliContext context)
        : base("set-headers", "Replaces the custom headers sent on every request of the job.")
    {
        var id = CliSymbols.JobId();
        var headers = new Argument<string[]>("header")
        {
            Description = "A header line 'Name: value'; give several to send several. Replaces the headers set before.",
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = result => HttpSymbols.ParseHeaders(result, "<header>"),
        };
        var clear = new Option<bool>("--clear") { Description = "Removes every custom header of the job." };
        Add(id);
        Add(headers);
        Add(clear);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var lines = parseResult.GetValue(headers) ?? [];
            var clearing = parseResult.GetValue(clear);
            if (clearing == (lines.Length > 0))
            {
                throw new UsageException("job set-headers: give either header lines ('Name: value') or --clear.");
            }

            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.SetHttpOptionsAsync(parseResult.GetValue(id), new HttpOptionsUpdate(CustomHeaders: lines), cancellationToken);
            context.Error.WriteLine(clearing ? $"job {job.Id}: custom headers cleared" : $"job {job.Id}: {lines.Length} custom header(s) set");
            return ExitCodes.Success;
        });
    }
}
