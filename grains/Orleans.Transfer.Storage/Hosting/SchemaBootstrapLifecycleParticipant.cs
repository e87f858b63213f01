using Orleans.Transfer.Storage.Schema;

namespace Orleans.Transfer.Storage.Hosting;

/// <summary>
/// Runs the schema bootstrapper at RuntimeInitialize: earlier than the AdoNet grain storage (ApplicationServices) and
/// the reminder service, both of which read OrleansQuery or our tables as they start.
/// </summary>
internal sealed class SchemaBootstrapLifecycleParticipant(SchemaBootstrapper bootstrapper) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaBootstrapper), ServiceLifecycleStage.RuntimeInitialize, bootstrapper.EnsureSchemaAsync);
}
