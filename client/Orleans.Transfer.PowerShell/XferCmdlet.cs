using System.Management.Automation;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Client;

namespace Orleans.Transfer.PowerShell;

/// <summary>
/// What every cmdlet of the BitsTransfer-like module (B132) shares: one local API client per invocation (the caller is
/// the user pwsh runs as, established by the service from the socket), Ctrl+C cancelling the call in flight, and the
/// service's refusals as ErrorRecords.
/// </summary>
public abstract class XferCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private LocalApiTransferClient? _client;

    /// <summary>The client, connected lazily on the first call.</summary>
    internal ITransferClient Client => _client ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        try
        {
            // The address follows XFER_SOCKET and XFER_HOME as they are now, so a session may change them between calls.
            _client = new LocalApiTransferClient(Options.Create(new LocalApiClientOptions()), TimeProvider.System);
        }
        catch (ArgumentException exception)
        {
            ThrowTerminatingError(new ErrorRecord(exception, "InvalidSocketPath", ErrorCategory.InvalidArgument, null));
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// Runs one call to the service on the pipeline thread. A refusal is written as a non-terminating error about
    /// <paramref name="target"/> (the next object in the pipeline still gets its turn) and returns false; an unreachable
    /// service stops the pipeline, since nothing after it could work either.
    /// </summary>
    internal bool TryCall<T>(Func<CancellationToken, Task<T>> call, object? target, out T result)
    {
        try
        {
            result = call(_stopping.Token).GetAwaiter().GetResult();
            return true;
        }
        catch (TransferJobException exception)
        {
            WriteError(XferErrors.From(exception, target));
        }
        catch (TransferServiceUnavailableException exception)
        {
            ThrowTerminatingError(XferErrors.From(exception));
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        result = default!;
        return false;
    }

    /// <summary>Cancelled when the user presses Ctrl+C; the job itself carries on.</summary>
    internal CancellationToken StopToken => _stopping.Token;
}
