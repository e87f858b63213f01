using System.Diagnostics;
using Orleans.Transfer.Cli.Service;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>The real <c>xfer</c> executable as a child process, talking to a service's socket, its standard input piped.</summary>
internal sealed class XferProcess(string socketPath)
{
    // A deadline against a hung child, not a timing assertion.
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(2);

    private static readonly string s_xfer = SiloProcess.BuildOutputPath("client/Orleans.Transfer.Cli", "xfer.dll", "build the CLI first");

    /// <summary>Every run's output, to look for secrets in afterwards.</summary>
    public List<CliRun> Runs { get; } = [];

    public async Task<CliRun> RunAsync(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [s_xfer, .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[LocalApiAddress.SocketVariable] = socketPath;
        start.Environment[XferPaths.NoAutostartVariable] = "1";
        start.Environment.Remove(Input.TransferHttpOptions.PasswordVariable);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start xfer");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(s_deadline);
        await process.WaitForExitAsync(deadline.Token);
        var run = new CliRun(process.ExitCode, await output, await error);
        Runs.Add(run);
        return run;
    }

    /// <summary>Runs xfer and expects success; returns its standard output.</summary>
    public async Task<string> OkAsync(string? input, params string[] arguments)
    {
        var run = await RunAsync(input, arguments);
        Assert.True(run.ExitCode == ExitCodes.Success, $"xfer {string.Join(' ', arguments)}: {run}");
        return run.Out;
    }
}
