using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orleans.Transfer.Notifications;

/// <summary>
/// Runs a job's notify command (BITS B61) once, as the job's owner (<see cref="INotifyCommandAccounts"/>): the program
/// with its argument list, never through a shell, with the placeholders expanded per argument, in a clean environment
/// that holds only the owner's basics and the job's <c>XFER_*</c> variables. Exit code 0 is delivered; anything else (a
/// non-zero exit, an owner without an account, a missing program, a timeout) is not, and never throws.
/// </summary>
public sealed partial class NotifyCommandRunner(
    INotifyCommandAccounts accounts,
    IOptions<NotificationOptions> options,
    TimeProvider timeProvider,
    ILogger<NotifyCommandRunner> logger)
{
    // How long to wait for output pipes after the process exits (a background grandchild may keep them open) and
    // for a killed process to be reaped.
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="program"/> for <paramref name="notification"/> and waits for it to exit.</summary>
    /// <param name="program">Absolute path of the program.</param>
    /// <param name="arguments">Arguments, each expanded on its own (see <see cref="NotificationSettings"/>).</param>
    /// <param name="notification">The event being reported; its job's owner decides the account.</param>
    /// <param name="cancellationToken">Kills the process tree and throws <see cref="OperationCanceledException"/>.</param>
    public async Task<DeliveryResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        JobNotification notification,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(notification);
        if (!Path.IsPathFullyQualified(program))
        {
            return NotStarted(program, notification, $"The notify program '{program}' is not an absolute path.");
        }

        if (!accounts.TryResolve(notification.Job.Owner, out var account, out var refusal))
        {
            LogRefused(logger, program, notification.JobId, notification.Job.Owner, refusal);
            return new DeliveryResult(false, refusal);
        }

        // As another user the kernel decides, when the program starts, whether that user can reach it; asking here as
        // the service would tell the owner about files only the service can see.
        if (account.UserName is null && !File.Exists(program))
        {
            return NotStarted(program, notification, $"The notify program '{program}' does not exist.");
        }

        using var process = new Process { StartInfo = CreateStartInfo(program, arguments, account, notification) };
        LogStarting(logger, program, notification.JobId, notification.Event, notification.Id, account.Description);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return NotStarted(
                program,
                notification,
                $"The notify program '{program}' could not be started as {account.Description}: {ex.Message}");
        }

        // Nothing is written to the command; closing stdin keeps a program that reads it from waiting forever.
        process.StandardInput.Close();
        using var drain = new CancellationTokenSource();
        var stdout = ProcessOutput.ReadHeadAsync(process.StandardOutput, drain.Token);
        var stderr = ProcessOutput.ReadHeadAsync(process.StandardError, drain.Token);
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(settings.CommandTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            await KillTreeAsync(process);
            await CollectAsync(stdout, stderr, drain);
            cancellationToken.ThrowIfCancellationRequested();
            LogTimedOut(logger, program, notification.JobId, settings.CommandTimeout);
            return new DeliveryResult(
                false,
                $"The notify program '{program}' ran longer than {settings.CommandTimeout}; its process tree was killed." +
                Describe(stdout, stderr));
        }

        await CollectAsync(stdout, stderr, drain);
        var exitCode = process.ExitCode;
        LogExited(logger, program, notification.JobId, exitCode);
        return new DeliveryResult(
            exitCode == 0,
            $"The notify program '{program}' exited with code {exitCode}." + Describe(stdout, stderr));
    }

    private DeliveryResult NotStarted(string program, JobNotification notification, string problem)
    {
        LogNotStarted(logger, program, notification.JobId, problem);
        return new DeliveryResult(false, problem);
    }

    private static ProcessStartInfo CreateStartInfo(
        string program,
        IReadOnlyList<string> arguments,
        NotifyCommandAccount account,
        JobNotification notification)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = account.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (account.UserName is { } userName)
        {
            startInfo.UserName = userName;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(CommandPlaceholders.Expand(argument, notification));
        }

        // Nothing of the service's environment (its database connection string, for one) reaches the command.
        startInfo.Environment.Clear();
        foreach (var (name, value) in account.Environment)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["XFER_JOB_ID"] = notification.JobId.ToString("D");
        startInfo.Environment["XFER_JOB_STATE"] = notification.Job.State.ToString();
        startInfo.Environment["XFER_JOB_EVENT"] = notification.Event.ToString();
        startInfo.Environment["XFER_JOB_NAME"] = notification.Job.DisplayName;
        startInfo.Environment["XFER_EVENT_ID"] = notification.Id.ToString("D");
        return startInfo;
    }

    private async Task KillTreeAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(s_grace, timeProvider);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or TimeoutException)
        {
            // It exited on its own meanwhile, or is stuck in the kernel; either way there is nothing more to do.
        }
    }

    private async Task CollectAsync(Task<string> stdout, Task<string> stderr, CancellationTokenSource drain)
    {
        var both = Task.WhenAll(stdout, stderr);
        try
        {
            await both.WaitAsync(s_grace, timeProvider);
        }
        catch (TimeoutException)
        {
            // A background child still holds the pipes: stop reading and keep what arrived.
            await drain.CancelAsync();
            await Task.WhenAny(both, Task.Delay(s_grace, timeProvider));
        }
    }

    private static string Describe(Task<string> stdout, Task<string> stderr)
    {
        var output = stdout.IsCompletedSuccessfully ? stdout.Result : string.Empty;
        var errors = stderr.IsCompletedSuccessfully ? stderr.Result : string.Empty;
        return (output.Length > 0 ? $" stdout: {output}" : string.Empty) + (errors.Length > 0 ? $" stderr: {errors}" : string.Empty);
    }
}
