using System.Text.Json.Serialization;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.StoredState;

namespace Orleans.Transfer.Storage.Tests.Creates;

/// <summary>A state written with a catalog reservation, as the job grain's first write is.</summary>
public sealed class ReservingProbeState : IReservingState
{
    public string Name { get; set; } = "";

    [JsonIgnore]
    public JobRowReservation? PendingReservation { get; set; }
}
