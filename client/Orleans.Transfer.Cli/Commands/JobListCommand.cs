using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job list [--all] [--page-size N] [--continue TOKEN] [--format table|json]</c>.</summary>
internal sealed class JobListCommand : Command
{
    /// <summary>Starts the stderr line that carries the next page's token, for people and scripts alike.</summary>
    public const string NextPagePrefix = "next page: --continue ";

    public JobListCommand(CliContext context)
        : base("list", "Lists your jobs that are not final (Acknowledged and Cancelled jobs are left out), oldest first, one page at a time.")
    {
        var all = new Option<bool>("--all") { Description = "List every owner's jobs, final ones included (administrators)." };
        var pageSize = new Option<int>("--page-size")
        {
            Description = $"Jobs per page, 1 to {JobLimits.MaxListPageSize} (default {JobLimits.DefaultListPageSize}).",
            HelpName = "N",
        };
        pageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > JobLimits.MaxListPageSize)
            {
                result.AddError($"--page-size: give a number from 1 to {JobLimits.MaxListPageSize}.");
            }
        });
        var next = new Option<string?>("--continue")
        {
            Description = "Shows the page after the one that printed this token (the last line on stderr).",
            HelpName = "TOKEN",
        };
        var format = CliSymbols.Format();
        Add(all);
        Add(pageSize);
        Add(next);
        Add(format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            // No owner: the service lists the caller's own jobs, as it established the caller, unless every owner's.
            var everything = parseResult.GetValue(all);
            var query = new JobListQuery(
                Owner: null,
                IncludeFinal: everything,
                PageSize: parseResult.GetValue(pageSize),
                ContinuationToken: parseResult.GetValue(next),
                AllOwners: everything);
            var client = await context.ConnectAsync(cancellationToken);
            var page = await client.ListPageAsync(query, cancellationToken);
            JobPrinter.WriteList(context.Out, page.Jobs, parseResult.GetValue(format));
            if (page.ContinuationToken is { } token)
            {
                context.Error.WriteLine(NextPagePrefix + token);
            }

            return ExitCodes.Success;
        });
    }
}
