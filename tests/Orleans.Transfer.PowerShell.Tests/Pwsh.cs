using System.Diagnostics;
using System.Text.Json;
using Orleans.Transfer.LocalApi;
using Orleans.Transfer.Testing;

namespace Orleans.Transfer.PowerShell.Tests;

/// <summary>
/// Runs a script in a real <c>pwsh -NoProfile -NonInteractive</c> with the built module imported and XFER_SOCKET set.
/// pwsh starts slowly, so each test runs several checks in one process; the script reports each check as one
/// compressed JSON object on a line of its own (other output, such as progress, is ignored).
/// </summary>
internal static class Pwsh
{
    /// <summary>Where scripts/test-peers.sh installs pwsh 7.6 (a .NET tool) unless XFER_PWSH_TOOLS says otherwise.</summary>
    private const string ToolsVariable = "XFER_PWSH_TOOLS";

    // A deadline against a hung child, not a timing assertion.
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(3);

    /// <summary>
    /// <c>Report NAME @{...}</c> writes a check's values as one JSON line; <c>ErrorOf { ... }</c> runs a block and
    /// returns the error it stopped with (its id, stable code, category and message), or an id of null.
    /// </summary>
    private const string Helpers = """
        function Report([string] $Check, [hashtable] $Values) { $Values.check = $Check; [pscustomobject] $Values | ConvertTo-Json -Compress -Depth 4 }
        function ErrorOf([scriptblock] $Block) {
            try { $null = & $Block; @{ id = $null } }
            catch { @{ id = $_.FullyQualifiedErrorId; code = "$($_.Exception.Code)"; category = "$($_.CategoryInfo.Category)"; message = $_.Exception.Message } }
        }

        """;

    public static string ModuleManifest { get; } =
        SiloProcess.BuildOutputPath("client/Orleans.Transfer.PowerShell", "OrleansTransfer.psd1", "build the PowerShell module first");

    public static async Task<PwshRun> RunAsync(string socketPath, string workingDirectory, string script)
    {
        var prologue = $"$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'\nImport-Module '{ModuleManifest}'\n{Helpers}";
        var start = new ProcessStartInfo(Executable(), ["-NoProfile", "-NonInteractive", "-Command", prologue + script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.Environment[LocalApiAddress.SocketVariable] = socketPath;
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start pwsh");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_deadline);
        await process.WaitForExitAsync(deadline.Token);
        return new PwshRun(process.ExitCode, await output, await error);
    }

    private static string Executable()
    {
        var tools = Environment.GetEnvironmentVariable(ToolsVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "orleans-transfer", "pwsh");
        var candidates = new[] { Path.Combine(tools, "pwsh") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, "pwsh")));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"pwsh 7.6 is not installed in {tools} nor on PATH: run scripts/test-peers.sh.");
    }
}

/// <summary>What a pwsh run printed, and the checks it reported.</summary>
internal sealed record PwshRun(int ExitCode, string Out, string Error)
{
    /// <summary>The JSON object the script wrote for <paramref name="check"/> (its <c>check</c> member).</summary>
    public JsonElement Check(string check)
    {
        foreach (var line in Out.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("check", out var name) && name.GetString() == check)
            {
                return json.RootElement.Clone();
            }
        }

        throw new Xunit.Sdk.XunitException($"pwsh reported no check '{check}':\n{this}");
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
