using System.CommandLine;
using System.CommandLine.Parsing;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// Arguments and options shared by several commands. Malformed values become parse errors that name the option, so
/// they exit with <see cref="ExitCodes.Usage"/> before the service is contacted.
/// </summary>
internal static class CliSymbols
{
    public static Argument<Guid> JobId() => new("id")
    {
        Description = "The job id (a GUID, as printed by 'xfer job create').",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Guid.TryParse(text, out var id))
            {
                return id;
            }

            result.AddError($"<id>: '{text}' is not a job id (expected a GUID).");
            return Guid.Empty;
        },
    };

    public static Option<JobPriority?> Priority(string description) => new("--priority")
    {
        Description = description + " One of: foreground, high, normal, low.",
        HelpName = "priority",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (ValueParsers.TryParsePriority(text, out var priority))
            {
                return priority;
            }

            result.AddError($"--priority: '{text}' is not a priority (expected foreground, high, normal or low).");
            return null;
        },
    };

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "Output format: table (for people) or json (camelCase, on stdout).",
        HelpName = "table|json",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format)
                && !char.IsAsciiDigit(text[0]))
            {
                return format;
            }

            result.AddError($"--format: '{text}' is not a format (expected table or json).");
            return OutputFormat.Table;
        },
    };

    public static Option<TimeSpan?> Seconds(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "seconds",
        CustomParser = result => ParseSeconds(result, name),
    };

    public static Option<ByteRange[]> Ranges() => new("--range")
    {
        Description = "A byte range 'offset:length' of the source to download (length may be 'eof'); repeat for more.",
        HelpName = "offset:length",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParseRanges,
    };

    private static TimeSpan? ParseSeconds(ArgumentResult result, string name)
    {
        var text = result.Tokens[0].Value;
        if (ValueParsers.TryParseSeconds(text, out var duration))
        {
            return duration;
        }

        result.AddError($"{name}: '{text}' is not a number of seconds.");
        return null;
    }

    private static ByteRange[] ParseRanges(ArgumentResult result)
    {
        var ranges = new List<ByteRange>(result.Tokens.Count);
        foreach (var token in result.Tokens)
        {
            if (!ValueParsers.TryParseRange(token.Value, out var range))
            {
                result.AddError($"--range: '{token.Value}' is not a range (expected offset:length or offset:eof, e.g. 0:1024).");
                return [];
            }

            ranges.Add(range!);
        }

        return [.. ranges];
    }
}
