using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.Cli.Commands;

/// <summary>
/// <c>xfer dashboard [--open]</c>: prints a link that logs a browser in to the web dashboard as the caller, once, for a
/// few minutes (as Jupyter's token URL); with <c>--open</c> also opens it in the default browser.
/// </summary>
internal sealed class DashboardCommand : Command
{
    public DashboardCommand(CliContext context)
        : base("dashboard", "Prints a single-use link that logs your browser in to the web dashboard as you; --open opens it.")
    {
        var open = new Option<bool>("--open")
        {
            Description = "Also open the link in the default browser (xdg-open on Linux, the shell on Windows).",
        };
        Add(open);

        SetAction(async (parseResult, cancellationToken) =>
        {
            if (await context.ConnectAsync(cancellationToken) is not LocalApiTransferClient client)
            {
                context.Error.WriteLine("xfer dashboard needs the service's local API, which knows who you are; it is not available here.");
                return ExitCodes.ServiceUnavailable;
            }

            var login = await client.CreateDashboardLoginAsync(cancellationToken);
            context.Out.WriteLine(login.Url);
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The link logs in whoever opens it first as you, once, until {login.ExpiresAt.ToLocalTime():HH:mm:ss}; do not share it."));
            if (parseResult.GetValue(open))
            {
                OpenInBrowser(login.Url, context.Error);
            }

            return ExitCodes.Success;
        });
    }

    private static void OpenInBrowser(string url, TextWriter error)
    {
        // The link is an argument, never parsed by a shell: the token's characters cannot become commands.
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo(url) { UseShellExecute = true }
            : new ProcessStartInfo("xdg-open", [url]) { UseShellExecute = false };
        try
        {
            using var process = Process.Start(start);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            error.WriteLine($"Could not open a browser ({ex.Message}); open the link above yourself.");
        }
    }
}
