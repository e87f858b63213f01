using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orleans.Transfer.Storage.Catalog;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// The service's grain storage, chosen by the storage profile once the options are known: <see cref="SqliteGrainStorage"/>
/// (one queued writer, group commit) for SQLite, Orleans' AdoNet grain storage for PostgreSQL, whose server commits
/// concurrent transactions together by itself. Both use the same tables, queries and serializer. On both, the write of
/// a state with a pending catalog reservation (<see cref="IReservingState"/>) goes to <see cref="ReservingStateWriter"/>,
/// and that of a state with its catalog row (<see cref="ICatalogRowState"/>) to <see cref="CatalogRowStateWriter"/>.
/// A job grain activated by the create of an id its caller has just minted (<see cref="NewJobs"/>) is not read.
/// </summary>
internal sealed class ProfileGrainStorage(
    IGrainStorage inner,
    ReservingStateWriter reserving,
    CatalogRowStateWriter withRow,
    IActivatorProvider activators) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public static ProfileGrainStorage Create(IServiceProvider services, string name)
    {
        var database = services.GetRequiredService<StorageDatabase>();
        var options = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name);
        var rows = new StoredStateRows(name, database);
        var catalog = services.GetRequiredService<DapperJobCatalog>();
        var reserving = new ReservingStateWriter(rows, catalog, options.GrainStorageSerializer);
        var withRow = new CatalogRowStateWriter(rows, database, catalog, options.GrainStorageSerializer);
        IGrainStorage inner = database.Profile == StorageProfile.Sqlite
            ? new SqliteGrainStorage(rows, database, options.GrainStorageSerializer, services.GetRequiredService<IActivatorProvider>())
            : AdoNetGrainStorageFactory.Create(services, name);
        return new ProfileGrainStorage(inner, reserving, withRow, services.GetRequiredService<IActivatorProvider>());
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!IsNewJob(stateName, grainId))
        {
            return inner.ReadStateAsync(stateName, grainId, grainState);
        }

        // No row can exist, so none is read; the create's write inserts only, and a row that did exist would refuse it.
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>The activation's request context names this very job grain as one its caller has just minted.</summary>
    internal static bool IsNewJob(string stateName, GrainId grainId) =>
        stateName == StorageNames.JobState
        && RequestContext.Get(NewJobs.RequestContextKey) is Guid minted
        && grainId.TryGetGuidKey(out var key, out var extension)
        && key == minted
        && extension is null;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        grainState.State is IReservingState { PendingReservation: { } reservation }
            ? reserving.WriteAsync(stateName, grainId, grainState, reservation)
            : grainState.State is ICatalogRowState { PendingCatalogRow: { } row }
                ? withRow.WriteAsync(stateName, grainId, grainState, row)
                : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
}
