using Orleans.Transfer.Diagnostics;

namespace Orleans.Transfer.Worker;

/// <summary>Hands an unfinished upload's clean-up to the transport that uploads to its URL.</summary>
internal sealed class UploadCleanup(TransportRegistry transports) : IUploadCleanup
{
    public void DiscardInBackground(FileTransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RemoteEndpoint endpoint;
        try
        {
            endpoint = transports.ResolveForTransfer(request.RemoteUrl, TransferDirection.Upload);
        }
        catch (TransferFailedException)
        {
            // No transport uploads there, so no run can have left anything.
            return;
        }

        ((IUploadTransport)endpoint.Transport).DiscardInBackground(endpoint.Address, request);
    }
}
