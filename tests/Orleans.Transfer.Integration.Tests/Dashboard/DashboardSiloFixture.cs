using System.Runtime.Versioning;

namespace Orleans.Transfer.Integration.Tests.Dashboard;

/// <summary>One dashboard silo for a test class; the tests use their own jobs and sessions.</summary>
[SupportedOSPlatform("linux")]
public sealed class DashboardSiloFixture : IAsyncLifetime
{
    internal DashboardSilo Service { get; private set; } = null!;

    public async Task InitializeAsync() => Service = await DashboardSilo.StartAsync();

    public async Task DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
    }
}
