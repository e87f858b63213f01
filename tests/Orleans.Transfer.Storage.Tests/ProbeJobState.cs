using System.Text.Json.Serialization;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.StoredState;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>A state written as the job grain's is: with a catalog reservation (its create) or with its catalog row.</summary>
public sealed class ProbeJobState : IReservingState, ICatalogRowState
{
    public string Name { get; set; } = "";

    [JsonIgnore]
    public JobRowReservation? PendingReservation { get; set; }

    [JsonIgnore]
    public CatalogRowWrite? PendingCatalogRow { get; set; }
}
