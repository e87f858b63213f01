using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Testing;

/// <summary>A network a test switches off and on; the real monitor reads it like the interfaces.</summary>
public sealed class SwitchableNetworkProbe : INetworkProbe
{
    private volatile bool _isAvailable = true;

    public bool IsAvailable
    {
        get => _isAvailable;
        set => _isAvailable = value;
    }

    public NetworkProbeResult Probe() =>
        new(_isAvailable, _isAvailable ? "test network on" : "test network off");
}
