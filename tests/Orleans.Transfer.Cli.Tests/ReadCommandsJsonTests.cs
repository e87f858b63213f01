using System.CommandLine;
using Orleans.Transfer.Cli.Commands;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>
/// Issue 19's "JSON everywhere": every command of the tree that reads something takes <c>--format json</c>. A command
/// is a read command unless it is listed below, with why it prints nothing to parse; a new command therefore fails
/// here until it takes <c>--format json</c> or is listed.
/// </summary>
public sealed class ReadCommandsJsonTests
{
    private static readonly Dictionary<string, string> s_notReadCommands = new(StringComparer.Ordinal)
    {
        ["upload-user"] = "writes a local password file; prints nothing",
        ["job create"] = "prints the job id alone (a contract: id=$(xfer job create ...))",
        ["job add-file"] = "a change; prints nothing",
        ["job resume"] = "a change; the state on stderr",
        ["job suspend"] = "a change; the state on stderr",
        ["job cancel"] = "a change; the state on stderr",
        ["job complete"] = "a change; the state on stderr",
        ["job set"] = "a change; prints nothing",
        ["job set-credentials"] = "a change; prints nothing",
        ["job remove-credentials"] = "a change; prints nothing",
        ["job set-headers"] = "a change; prints nothing",
        ["job set-proxy"] = "a change; prints nothing",
        ["job set-client-cert"] = "a change; prints nothing",
        ["job set-remote-url"] = "a change; prints nothing",
        ["job replace-remote-prefix"] = "a change; prints nothing",
        ["job take-ownership"] = "a change; the new owner on stderr",
        ["job reset"] = "a change; prints a count",
        ["policy set"] = "a change; prints nothing",
        ["service stop"] = "a change; messages on stderr",
        ["dashboard"] = "mints a single-use login link; prints the URL alone on stdout",
    };

    [Fact]
    public void EveryReadCommand_AcceptsFormatJson_AndRefusesAnUnknownFormat()
    {
        var leaves = Leaves(new XferRootCommand(new CliContext(TextWriter.Null, TextWriter.Null, false, _ => throw new InvalidOperationException())), []).ToList();
        var names = leaves.Select(l => string.Join(' ', l)).ToList();

        Assert.Empty(s_notReadCommands.Keys.Except(names));
        var readCommands = leaves.Where(l => !s_notReadCommands.ContainsKey(string.Join(' ', l))).ToList();
        Assert.Equal(
            new[] { "transfer", "upload", "job list", "job info", "job events", "job reply", "job watch", "policy show", "service status", "whoami" }.Order(StringComparer.Ordinal),
            readCommands.Select(l => string.Join(' ', l)).Order(StringComparer.Ordinal));
        foreach (var path in readCommands)
        {
            var root = new XferRootCommand(new CliContext(TextWriter.Null, TextWriter.Null, false, _ => throw new InvalidOperationException()));
            var json = root.Parse([.. path, "--format", "json"]);
            var xml = root.Parse([.. path, "--format", "xml"]);

            var name = string.Join(' ', path);
            Assert.False(json.Errors.Any(e => e.Message.Contains("--format", StringComparison.Ordinal)), $"xfer {name} --format json: {string.Join("; ", json.Errors.Select(e => e.Message))}");
            Assert.True(xml.Errors.Any(e => e.Message.Contains("--format", StringComparison.Ordinal)), $"xfer {name} --format xml was not refused");
        }
    }

    private static IEnumerable<string[]> Leaves(Command command, string[] path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return path;
            yield break;
        }

        foreach (var child in command.Subcommands)
        {
            foreach (var leaf in Leaves(child, [.. path, child.Name]))
            {
                yield return leaf;
            }
        }
    }
}
