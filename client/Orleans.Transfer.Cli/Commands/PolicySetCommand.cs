using System.CommandLine;
using Orleans.Transfer.Cli.Input;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer policy set [--background] [--timetable] [--high] [--normal] [--low]</c>: changes the given caps of the
/// policy in force and keeps the others.
/// </summary>
internal sealed class PolicySetCommand : Command
{
    public PolicySetCommand(CliContext context)
        : base("set", "Changes the bandwidth policy; running transfers follow within a second. Lasts until the service restarts.")
    {
        var background = CliSymbols.PolicyRate("--background", "One cap for all background (non-foreground) jobs together, or off. Replaces a timetable.");
        var timetable = new Option<string?>("--timetable")
        {
            Description = "A weekly schedule of background caps, rclone style (e.g. \"Mon-08:00,512k 12:00,10M 18:00,off\"), or off. "
                + "Replaces --background.",
            HelpName = "timetable|off",
        };
        var high = CliSymbols.PolicyRate("--high", "Cap for all High jobs together, or off.");
        var normal = CliSymbols.PolicyRate("--normal", "Cap for all Normal jobs together, or off.");
        var low = CliSymbols.PolicyRate("--low", "Cap for all Low jobs together, or off.");
        Add(background);
        Add(timetable);
        Add(high);
        Add(normal);
        Add(low);

        SetAction(async (parseResult, cancellationToken) =>
        {
            bool Given(Option option) => parseResult.GetResult(option) is not null;
            if (!new Option[] { background, timetable, high, normal, low }.Any(Given))
            {
                throw new UsageException("policy set: give at least one of --background, --timetable, --high, --normal, --low.");
            }

            if (Given(background) && Given(timetable))
            {
                throw new UsageException("--background, --timetable: give one; the timetable is a schedule of background caps.");
            }

            var client = await context.ConnectAsync(cancellationToken);
            var policy = await client.GetBandwidthPolicyAsync(cancellationToken);
            if (Given(background))
            {
                policy = policy with { BackgroundLimit = OffAsNull(parseResult.GetValue(background)), Timetable = null };
            }

            if (Given(timetable))
            {
                policy = policy with { BackgroundLimit = null, Timetable = OffAsNull(parseResult.GetValue(timetable)) };
            }

            if (Given(high))
            {
                policy = policy with { HighLimit = OffAsNull(parseResult.GetValue(high)) };
            }

            if (Given(normal))
            {
                policy = policy with { NormalLimit = OffAsNull(parseResult.GetValue(normal)) };
            }

            if (Given(low))
            {
                policy = policy with { LowLimit = OffAsNull(parseResult.GetValue(low)) };
            }

            await client.SetBandwidthPolicyAsync(policy, cancellationToken);
            context.Error.WriteLine("bandwidth policy updated; 'xfer policy show' prints it.");
            return ExitCodes.Success;
        });
    }

    /// <summary>'off' (or 'none', 'unlimited') means no cap, which the policy writes as null.</summary>
    private static string? OffAsNull(string? value) =>
        TransferRate.TryParse(value, out var rate) && rate is null ? null : value;
}
