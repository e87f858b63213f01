using System.CommandLine;
using Orleans.Transfer.Cli.Input;

namespace Orleans.Transfer.Cli.Commands;

/// <summary><c>xfer job set-remote-url &lt;id&gt; &lt;file-index&gt; &lt;url&gt;</c> (BITS <c>SetRemoteName</c>).</summary>
internal sealed class JobSetRemoteUrlCommand : Command
{
    public JobSetRemoteUrlCommand(CliContext context)
        : base("set-remote-url", "Gives a file that is not yet complete a new URL; bytes already fetched are kept if it serves the same content.")
    {
        var id = CliSymbols.JobId();
        var index = new Argument<int>("file-index")
        {
            Description = "The file's index in the job, from 0 (the # column of 'xfer job info').",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError($"<file-index>: '{text}' is not a file index (0 or more).");
                return 0;
            },
        };
        var url = new Argument<string>("url") { Description = "The file's new URL." };
        Add(id);
        Add(index);
        Add(url);

        SetAction(async (parseResult, cancellationToken) =>
        {
            var fileIndex = parseResult.GetValue(index);
            var client = await context.ConnectAsync(cancellationToken);
            var job = await client.SetRemoteUrlAsync(parseResult.GetValue(id), fileIndex, parseResult.GetValue(url)!, cancellationToken);
            context.Error.WriteLine($"job {job.Id}: file {fileIndex} has a new URL");
            return ExitCodes.Success;
        });
    }
}
