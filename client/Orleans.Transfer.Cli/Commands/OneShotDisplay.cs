using System.CommandLine;
using Orleans.Transfer.Cli.Input;
using Orleans.Transfer.Cli.Output;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>How a one-shot command (<c>transfer</c>, <c>upload</c>) shows its job: <c>--no-wait</c>, <c>--quiet</c>, <c>--format</c>.</summary>
internal sealed class OneShotDisplay
{
    private readonly Option<bool> _noWait = new("--no-wait") { Description = "Print the job id and return once the job is queued." };
    private readonly Option<bool> _quiet = CliSymbols.Quiet();
    private readonly Option<ProgressFormat> _format = CliSymbols.ProgressFormat();

    public void AddTo(Command command)
    {
        command.Add(_noWait);
        command.Add(_quiet);
        command.Add(_format);
        CliSymbols.RejectQuietJson(command, _quiet, _format);
    }

    public bool NoWait(ParseResult parseResult) => parseResult.GetValue(_noWait);

    public bool Quiet(ParseResult parseResult) => parseResult.GetValue(_quiet);

    public ProgressFormat Format(ParseResult parseResult) => parseResult.GetValue(_format);
}
