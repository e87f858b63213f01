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

    /// <summary><c>--type download|upload|upload-reply</c>, default download.</summary>
    public static Option<JobType> JobType() => new("--type")
    {
        Description = "The job kind: download (any number of files), upload (one file to a BITS upload server or an SMB share) or upload-reply (an upload whose server answers with a reply).",
        HelpName = "download|upload|upload-reply",
        DefaultValueFactory = _ => Transfer.JobType.Download,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (ValueParsers.TryParseJobType(text, out var type))
            {
                return type;
            }

            result.AddError($"--type: '{text}' is not a job type (expected download, upload or upload-reply).");
            return Transfer.JobType.Download;
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

    /// <summary><c>--quiet</c>/<c>-q</c> for commands that show progress: errors and the final result only.</summary>
    public static Option<bool> Quiet() => new("--quiet", "-q")
    {
        Description = "Show no progress; print only errors and the final result.",
    };

    /// <summary><c>--format text|json</c> for commands that show progress.</summary>
    public static Option<ProgressFormat> ProgressFormat() => new("--format")
    {
        Description = "Progress format: text (a bar or lines on stderr, for people) or json (one camelCase object per line on stdout).",
        HelpName = "text|json",
        DefaultValueFactory = _ => Output.ProgressFormat.Text,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Enum.TryParse<ProgressFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format)
                && !char.IsAsciiDigit(text[0]))
            {
                return format;
            }

            result.AddError($"--format: '{text}' is not a progress format (expected text or json).");
            return Output.ProgressFormat.Text;
        },
    };

    /// <summary>Refuses <c>--quiet</c> together with <c>--format json</c>: one asks for no progress, the other for every update.</summary>
    public static void RejectQuietJson(Command command, Option<bool> quiet, Option<ProgressFormat> format) =>
        command.Validators.Add(result =>
        {
            if (result.GetValue(quiet) && result.GetValue(format) == Output.ProgressFormat.Json)
            {
                result.AddError("--quiet and --format json cannot be combined: choose no progress or progress as JSON.");
            }
        });

    public static Option<TimeSpan?> Seconds(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "seconds",
        CustomParser = result => ParseSeconds(result, name),
    };

    /// <summary><c>-i</c>/<c>--input-file</c>: a list of files (<see cref="FileList"/>), <c>-</c> for standard input.</summary>
    public static Option<string?> InputFile(string description) => new("--input-file", "-i")
    {
        Description = description + " One file a line: 'remote [local [digest]]' (a remote alone keeps its own name), fields "
            + "with spaces in double quotes, # for comments; '-' reads standard input. All or nothing: one bad line adds no file.",
        HelpName = "file",
    };

    public static Option<ByteRange[]> Ranges() => new("--range")
    {
        Description = "A byte range 'offset:length' of the source to download (length may be 'eof'); repeat for more.",
        HelpName = "offset:length",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParseRanges,
    };

    /// <summary>
    /// A job's bandwidth cap in bytes per second: a rate like <c>512k</c>, <c>10M</c>, <c>1G</c> (1024-based), or
    /// <c>off</c>, which is 0 as in <see cref="JobPropertiesUpdate.MaxBytesPerSecond"/>. A zero rate is refused: a job
    /// is stopped with suspend, not with a zero cap.
    /// </summary>
    public static Option<long?> MaxRate(string description) => new("--max-rate")
    {
        Description = description,
        HelpName = "rate|off",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (TransferRate.TryParse(text, out var rate) && rate is not 0)
            {
                return rate ?? 0;
            }

            result.AddError($"--max-rate: '{text}' is not a rate (bytes per second with an optional K, M or G suffix, 1024-based, e.g. 512k or 10M; or off).");
            return null;
        },
    };

    /// <summary>
    /// <c>--cost-policy</c>: a transfer policy (B84) by preset name or mask; with <paramref name="allowDefault"/>,
    /// <c>default</c> too, parsed as <see cref="NetworkCostStates.None"/> (never a policy of its own: it transfers nowhere).
    /// </summary>
    public static Option<NetworkCostStates?> CostPolicy(string description, bool allowDefault) => new("--cost-policy")
    {
        Description = description,
        HelpName = allowDefault ? "policy|default" : "policy",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (allowDefault && string.Equals(text, "default", StringComparison.OrdinalIgnoreCase))
            {
                return NetworkCostStates.None;
            }

            if (TransferPolicy.TryParse(text, out var policy, out var error))
            {
                return policy;
            }

            result.AddError($"--cost-policy: {error}{(allowDefault ? " Or default, for the service's default." : "")}");
            return null;
        },
    };

    /// <summary>A bandwidth policy cap: a rate or <c>off</c>, checked and kept as written.</summary>
    public static Option<string?> PolicyRate(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "rate|off",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (TransferRate.TryParse(text, out _))
            {
                return text;
            }

            result.AddError($"{name}: '{text}' is not a rate (bytes per second with an optional K, M or G suffix, 1024-based, e.g. 512k or 10M; 0 blocks; or off).");
            return null;
        },
    };

    public static Option<JobEventKind?> NotifyFlags() => new("--notify-flags")
    {
        Description = "Events to notify: comma-separated transferred, error, modification, file (case-insensitive), or a number "
            + "(1, 2, 4, 8 combined). Default transferred,error. The command only runs for transferred and error.",
        HelpName = "list",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (ValueParsers.TryParseEventFlags(text, out var flags))
            {
                return flags;
            }

            result.AddError($"--notify-flags: '{text}' is not a list of transferred, error, modification, file, nor a number from 0 to 15.");
            return null;
        },
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
