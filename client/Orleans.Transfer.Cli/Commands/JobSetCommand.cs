using System.CommandLine;
using Orleans.Transfer.Cli.Input;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer job set &lt;id&gt; [--priority] [--display-name] [--description] [--min-retry-delay] [--no-progress-timeout]
/// [--max-download-time] [--max-rate] [--notify-*] [--redirects] [--dynamic-content] [--max-size] [--segments] [--ignore-cert-errors]
/// [--check-revocation] [--cost-policy] [--complete-when-transferred true|false]</c>.
/// </summary>
internal sealed class JobSetCommand : Command
{
    public JobSetCommand(CliContext context)
        : base("set", "Changes a job's properties, notifications and HTTP options; options not given are left as they are.")
    {
        var id = CliSymbols.JobId();
        var priority = CliSymbols.Priority("New priority.");
        var displayName = new Option<string?>("--display-name") { Description = "New display name." };
        var description = new Option<string?>("--description") { Description = "New description." };
        var minRetryDelay = CliSymbols.Seconds("--min-retry-delay", "Seconds a job in TransientError waits before retrying (at least 5).");
        var noProgressTimeout = CliSymbols.Seconds("--no-progress-timeout", "Seconds without progress before a TransientError becomes an Error.");
        var maxDownloadTime = CliSymbols.Seconds("--max-download-time", "Seconds the job may spend connecting and transferring before it goes to Error.");
        var maxRate = CliSymbols.MaxRate("This job's bandwidth cap, e.g. 512k or 10M (1024-based), or off to remove it.");
        var costPolicy = CliSymbols.CostPolicy(
            "When the job may transfer, by network cost (B84): always, not-roaming, no-surcharge, standard, unrestricted, a mask such as "
                + "0x80000021, or default for the service's default for its priority. Applies at once, also to a running transfer.",
            allowDefault: true);
        var completeWhenTransferred = new Option<bool?>("--complete-when-transferred")
        {
            Description = "true: the service completes the job itself once it is transferred (at once if it already is; ours, not BITS'); "
                + "false: the job waits in Transferred for 'job complete', as in BITS.",
            HelpName = "true|false",
            Arity = ArgumentArity.ExactlyOne,
        };
        var notifications = new NotificationOptions();
        var http = new HttpSetOptions();
        Add(id);
        Add(priority);
        Add(displayName);
        Add(description);
        Add(minRetryDelay);
        Add(noProgressTimeout);
        Add(maxDownloadTime);
        Add(maxRate);
        Add(costPolicy);
        Add(completeWhenTransferred);
        notifications.AddTo(this);
        http.AddTo(this);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var update = new JobPropertiesUpdate(
                parseResult.GetValue(displayName),
                parseResult.GetValue(description),
                parseResult.GetValue(priority),
                parseResult.GetValue(minRetryDelay),
                parseResult.GetValue(noProgressTimeout),
                parseResult.GetValue(maxDownloadTime),
                parseResult.GetValue(maxRate),
                parseResult.GetValue(costPolicy) is { } policy && policy != NetworkCostStates.None ? policy : null,
                parseResult.GetValue(costPolicy) == NetworkCostStates.None,
                parseResult.GetValue(completeWhenTransferred));
            var notify = notifications.AnyGiven(parseResult);
            var httpUpdate = http.Update(parseResult);
            if (update == new JobPropertiesUpdate() && !notify && httpUpdate is null)
            {
                throw new UsageException(
                    "job set: give at least one of --priority, --display-name, --description, --min-retry-delay, --no-progress-timeout, "
                    + "--max-download-time, --max-rate, --cost-policy, --complete-when-transferred, --notify-cmd, --notify-arg, --notify-url, --notify-secret, --notify-flags, --notify-clear, "
                    + HttpSetOptions.Names + ".");
            }

            notifications.CheckGiven(parseResult);
            var jobId = parseResult.GetValue(id);
            var client = await context.ConnectAsync(cancellationToken);

            // Everything is checked before anything is changed.
            NotificationSettings? settings = null;
            if (notify)
            {
                var current = notifications.NeedsCurrent(parseResult) ? (await client.GetAsync(jobId, cancellationToken)).Notifications : null;
                settings = notifications.Merge(parseResult, current);
            }

            if (update != new JobPropertiesUpdate())
            {
                await client.SetPropertiesAsync(jobId, update, cancellationToken);
            }

            if (notify)
            {
                await client.SetNotificationsAsync(jobId, settings, cancellationToken);
            }

            if (httpUpdate is not null)
            {
                await client.SetHttpOptionsAsync(jobId, httpUpdate, cancellationToken);
            }

            context.Error.WriteLine($"job {jobId}: updated");
            return ExitCodes.Success;
        });
    }
}
