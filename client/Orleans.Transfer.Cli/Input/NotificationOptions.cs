using System.CommandLine;

namespace Orleans.Transfer.Cli.Input;

/// <summary>
/// The <c>--notify-*</c> options of <c>job set</c>, and how they change a job's notification settings. The service
/// replaces the settings whole, so the options are merged into the job's current settings first.
/// </summary>
internal sealed class NotificationOptions
{
    private const string Off = "off";

    private readonly Option<string?> _command = new("--notify-cmd")
    {
        Description = "Absolute path of a program to run when the job is transferred or fails (not looked up on PATH), or off.",
        HelpName = "program|off",
    };

    private readonly Option<string[]> _arguments = new("--notify-arg")
    {
        Description = "An argument for the --notify-cmd program; repeat for more. %id%, %state%, %event%, %name% are expanded "
            + "by the service, %% is a literal %. Replaces the current arguments.",
        HelpName = "arg",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> _url = new("--notify-url")
    {
        Description = "Absolute http or https URL that receives a JSON POST per notified event, or off.",
        HelpName = "url|off",
    };

    private readonly Option<string?> _secret = new("--notify-secret")
    {
        Description = "Signs each webhook POST with HMAC-SHA256 (header X-Xfer-Signature), or off. Required again when changing "
            + "the notifications of a job whose webhook has a secret: the service does not reveal it.",
        HelpName = "secret|off",
    };

    private readonly Option<JobEventKind?> _flags = CliSymbols.NotifyFlags();

    private readonly Option<bool> _clear = new("--notify-clear")
    {
        Description = "Removes the notify command and webhook; with other --notify-* options, starts from empty settings.",
    };

    public void AddTo(Command command)
    {
        command.Add(_command);
        command.Add(_arguments);
        command.Add(_url);
        command.Add(_secret);
        command.Add(_flags);
        command.Add(_clear);
    }

    /// <summary>Whether any --notify-* option is on the command line.</summary>
    public bool AnyGiven(ParseResult parseResult) =>
        ChangesGiven(parseResult) || parseResult.GetValue(_clear);

    /// <summary>Whether the job's current settings are needed: they are, unless --notify-clear starts afresh.</summary>
    public bool NeedsCurrent(ParseResult parseResult) => ChangesGiven(parseResult) && !parseResult.GetValue(_clear);

    /// <summary>Checks the given command and webhook on their own, before the service is contacted.</summary>
    public void CheckGiven(ParseResult parseResult)
    {
        if (Given(parseResult, _command) is { } program && !IsOff(program))
        {
            Validate(new NotificationSettings(program, Arguments(parseResult)));
        }

        if (Given(parseResult, _url) is { } url && !IsOff(url))
        {
            var secret = Given(parseResult, _secret);
            Validate(new NotificationSettings(WebhookUrl: url, WebhookSecret: IsOff(secret) ? null : secret));
        }
    }

    /// <summary>
    /// The settings to send: <paramref name="current"/> (as the service shows it) changed by the options, or null to
    /// remove notifications. Throws <see cref="UsageException"/> naming the option at fault.
    /// </summary>
    public NotificationSettings? Merge(ParseResult parseResult, NotificationSettings? current)
    {
        var clear = parseResult.GetValue(_clear);
        if (clear && !ChangesGiven(parseResult))
        {
            return null;
        }

        var settings = (clear ? null : current) ?? new NotificationSettings();
        if (Given(parseResult, _command) is { } program)
        {
            settings = settings with { CommandProgram = IsOff(program) ? null : program, CommandArguments = Arguments(parseResult) };
        }
        else if (Arguments(parseResult) is { } arguments)
        {
            settings = settings with { CommandArguments = arguments };
        }

        if (Given(parseResult, _url) is { } url)
        {
            settings = IsOff(url) ? settings with { WebhookUrl = null, WebhookSecret = null } : settings with { WebhookUrl = url };
        }

        if (Given(parseResult, _secret) is { } secret)
        {
            settings = settings with { WebhookSecret = IsOff(secret) ? null : secret };
        }
        else if (settings.WebhookSecret is not null)
        {
            // The service shows a secret as "***"; sending that back would replace the real one.
            throw new UsageException(
                "--notify-secret: the job's webhook has a secret, which the service does not reveal; give --notify-secret "
                + "<secret> again to keep signing, or --notify-secret off.");
        }

        if (parseResult.GetValue(_flags) is { } flags)
        {
            settings = settings with { Flags = flags };
        }

        Validate(settings);
        return settings;
    }

    private bool ChangesGiven(ParseResult parseResult) =>
        new Option[] { _command, _arguments, _url, _secret, _flags }.Any(option => parseResult.GetResult(option) is not null);

    private string[]? Arguments(ParseResult parseResult) =>
        parseResult.GetValue(_arguments) is { Length: > 0 } arguments ? arguments : null;

    private static string? Given(ParseResult parseResult, Option<string?> option) =>
        parseResult.GetResult(option) is null ? null : parseResult.GetValue(option);

    private static bool IsOff(string? value) => string.Equals(value, Off, StringComparison.OrdinalIgnoreCase);

    private static void Validate(NotificationSettings settings)
    {
        try
        {
            settings.Validate();
        }
        catch (TransferJobException ex)
        {
            throw new UsageException($"{OptionFor(ex.Field)}: {ex.Message}");
        }
    }

    private static string OptionFor(string? field) => field switch
    {
        "notifications.commandProgram" => "--notify-cmd",
        "notifications.webhookUrl" => "--notify-url",
        "notifications.webhookSecret" => "--notify-secret",
        "notifications.flags" => "--notify-flags",
        { } name when name.StartsWith("notifications.commandArguments", StringComparison.Ordinal) => "--notify-arg",
        _ => field ?? "--notify-*",
    };
}
