using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job events &lt;id&gt; [--after N] [--limit N] [--format table|json]</c>: the job's recorded history.</summary>
internal sealed class JobEventsCommand : Command
{
    public JobEventsCommand(CliContext context)
        : base("events", "Shows a job's history: state changes, errors, retries, notifications, changes, oldest first.")
    {
        var id = CliSymbols.JobId();
        var after = new Option<long>("--after")
        {
            Description = "Shows only events after this sequence number (the 'next' of an earlier answer).",
            HelpName = "SEQ",
        };
        after.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError("--after: give 0 or a sequence number.");
            }
        });
        var limit = new Option<int>("--limit")
        {
            Description = $"Events at most, 1 to {JobLimits.MaxHistoryPageSize} (the default).",
            HelpName = "N",
            DefaultValueFactory = _ => JobLimits.MaxHistoryPageSize,
        };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > JobLimits.MaxHistoryPageSize)
            {
                result.AddError($"--limit: give a number from 1 to {JobLimits.MaxHistoryPageSize}.");
            }
        });
        var format = CliSymbols.Format();
        Add(id);
        Add(after);
        Add(limit);
        Add(format);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var client = await context.ConnectAsync(cancellationToken);
            var page = await client.GetHistoryAsync(parseResult.GetValue(id), parseResult.GetValue(after), parseResult.GetValue(limit), cancellationToken);
            HistoryPrinter.Write(context.Out, page, parseResult.GetValue(format));
            return ExitCodes.Success;
        });
    }
}
