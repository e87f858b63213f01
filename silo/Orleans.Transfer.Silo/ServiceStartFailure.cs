using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Transfer.Silo;

/// <summary>
/// A surface the operator configured explicitly (the upload server, the Prometheus endpoint) that cannot start: the
/// service stops cleanly (the silo leaves the cluster, the pid file goes) rather than run without what was asked for,
/// and <c>Program</c> exits with <see cref="ExitCode"/> and <see cref="Message"/> on stderr.
/// </summary>
internal sealed partial class ServiceStartFailure(IHostApplicationLifetime lifetime, ILogger<ServiceStartFailure> logger)
{
    /// <summary>The exit code of the first failure; null while there is none.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>What failed and what to change, for stderr; null while there is no failure.</summary>
    public string? Message { get; private set; }

    /// <summary>
    /// Records the failure (the first one wins), logs it and asks the host to stop once it has started: a stop asked for
    /// while the host is still starting cancels the start of the services after this one, and the host's start throws
    /// instead of stopping in order.
    /// </summary>
    public void Stop(int exitCode, string message)
    {
        if (ExitCode is null)
        {
            ExitCode = exitCode;
            Message = message;
        }

        LogStopping(logger, message, exitCode);
        lifetime.ApplicationStarted.Register(lifetime.StopApplication);
    }
}
