using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orleans.Transfer.Storage.Data;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// The service's grain storage, chosen by the storage profile once the options are known: <see cref="SqliteGrainStorage"/>
/// (one queued writer, group commit) for SQLite, Orleans' AdoNet grain storage for PostgreSQL, whose server commits
/// concurrent transactions together by itself. Both use the same tables, queries and serializer.
/// </summary>
internal sealed class ProfileGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public static ProfileGrainStorage Create(IServiceProvider services, string name)
    {
        var database = services.GetRequiredService<StorageDatabase>();
        if (database.Profile != StorageProfile.Sqlite)
        {
            return new ProfileGrainStorage(AdoNetGrainStorageFactory.Create(services, name));
        }

        var options = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name);
        return new ProfileGrainStorage(new SqliteGrainStorage(
            name, database, options.GrainStorageSerializer, services.GetRequiredService<IActivatorProvider>()));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
}
