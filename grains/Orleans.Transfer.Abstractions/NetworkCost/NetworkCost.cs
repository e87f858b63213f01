namespace Orleans.Transfer;

/// <summary>The network cost a silo detected, as <c>xfer policy</c> shows it.</summary>
/// <param name="State">The one current cost state; <see cref="NetworkCostStates.Unrestricted"/> when unknown.</param>
/// <param name="Source">
/// Where it came from: <c>NetworkManager</c>, <c>Windows</c>, <c>configuration</c> (Transfer:Network:Cost), or
/// <c>unknown</c> when nothing could tell (then the state is Unrestricted, as BITS treats an unknown cost).
/// </param>
/// <param name="Detail">What the source said, for people (<c>Metered=guess-yes</c>); never parsed.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.NetworkCost")]
public sealed record NetworkCost(NetworkCostStates State, string Source, string Detail)
{
    /// <summary>Nothing could tell: Unrestricted.</summary>
    public static NetworkCost Unknown { get; } = new(NetworkCostStates.Unrestricted, "unknown", "no cost source");
}
