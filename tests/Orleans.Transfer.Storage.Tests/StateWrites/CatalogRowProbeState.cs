using System.Text.Json.Serialization;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.StoredState;

namespace Orleans.Transfer.Storage.Tests.StateWrites;

/// <summary>A state written with its catalog row, as the job grain's state changes are.</summary>
public sealed class CatalogRowProbeState : ICatalogRowState
{
    public string Name { get; set; } = "";

    [JsonIgnore]
    public CatalogRowWrite? PendingCatalogRow { get; set; }
}
