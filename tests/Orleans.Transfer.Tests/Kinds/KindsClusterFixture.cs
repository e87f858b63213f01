using Microsoft.Extensions.DependencyInjection;
using Orleans.Transfer.Grains.Hosting;
using Orleans.Transfer.Grains.Kinds;
using Orleans.Transfer.Storage;
using Orleans.Transfer.Testing.FakeTransport;
using Orleans.Transfer.Tests.FakeKind;
using Orleans.Transfer.Worker.Finishing;

namespace Orleans.Transfer.Tests.Kinds;

/// <summary>
/// A silo with a gated file finisher, the test-only <see cref="StagedJobKind"/> and the test-only <c>fake://</c>
/// transport registered, one line each.
/// </summary>
public sealed class KindsClusterFixture() : OriginSiloFixture("kinds")
{
    internal GatedFileFinisher Finisher { get; } = new();

    public FakeRemote FakeRemote { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IFileFinisher>(Finisher);
        silo.AddTransferStorage(o => o.DataDirectory = DataDirectory);
        silo.AddTransferService();
        silo.Services.AddJobKind<StagedJobKind>();
        silo.Services.AddFakeTransport(FakeRemote);
    }

    public override async Task DisposeAsync()
    {
        Finisher.Release();
        await base.DisposeAsync();
    }
}
