namespace Orleans.Transfer.Worker;

/// <summary>Answers, right now, whether the machine has a usable network connection.</summary>
public interface INetworkProbe
{
    /// <summary>Checks the network now; must be quick and must not throw.</summary>
    NetworkProbeResult Probe();
}
