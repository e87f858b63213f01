using System.IO.Pipes;
using System.Security.Principal;

namespace Orleans.Transfer.Client.Connection;

/// <summary>
/// Connects to the local API's named pipe (Windows) and checks who created it before handing the connection to HTTP.
/// The client allows the server to identify it, never to impersonate it.
/// </summary>
/// <param name="pipeName">The pipe name, without <c>\\.\pipe\</c>.</param>
/// <param name="inspector">Reads who serves the pipe.</param>
internal sealed class NamedPipeConnector(string pipeName, IPipeServerInspector inspector) : ILocalApiConnector
{
    // A missing pipe is only noticed by waiting: long enough for a busy service to accept, short enough to tell a
    // stopped one quickly.
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(2);

    public string Address => $@"\\.\pipe\{pipeName}";

    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous, TokenImpersonationLevel.Identification);
        try
        {
            await pipe.ConnectAsync(s_connectTimeout, cancellationToken);
            Verify(pipe);
            return pipe;
        }
        catch (TimeoutException ex)
        {
            await pipe.DisposeAsync();
            throw new TransferServiceUnavailableException(
                Address,
                $"The transfer service is not running: nothing answered at {Address} within {s_connectTimeout.TotalSeconds:0} s.",
                ex);
        }
        catch
        {
            await pipe.DisposeAsync();
            throw;
        }
    }

    private void Verify(NamedPipeClientStream pipe)
    {
        PipeServerIdentity server;
        try
        {
            server = inspector.Inspect(pipe);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: what cannot be checked is not trusted.
            throw WindowsServerTrust.Unverified(Address, ex.Message);
        }

        if (!WindowsServerTrust.IsTrusted(server))
        {
            throw WindowsServerTrust.Refusal(Address, server);
        }
    }
}
