using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Transfer.LocalApi.Status;
using Orleans.Transfer.Silo;
using Orleans.Transfer.Silo.Status;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>What the silo tells <c>xfer service status</c>: the store's profile without its connection string, and every TCP listener.</summary>
public sealed class ServiceStatusRegistrationTests
{
    [Fact]
    public void PostgreSqlStore_IsNamed_WithoutItsConnectionString_AndEveryListenerIsListed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Transfer:Storage:Profile"] = "PostgreSql",
            ["Transfer:Storage:ConnectionString"] = "Host=db;Username=xfer;Password=hunter2-secret",
        }).Build();
        var host = new SiloHostOptions { ListenAddress = "::1", SiloPort = 11112, GatewayPort = 30002 };
        var uploads = new BitsUploadServerOptions { ListenAddress = "127.0.0.1", Port = 8470 };

        var options = new ServiceCollection().AddServiceStatusListeners(host, configuration, uploads)
            .BuildServiceProvider().GetRequiredService<IOptions<ServiceStatusOptions>>().Value;

        Assert.Equal("PostgreSql", options.Store);
        Assert.Equal(
            [new("silo", "[::1]:11112"), new("gateway", "[::1]:30002"), new LocalApi.ServiceListener("uploads", "http://127.0.0.1:8470/")],
            options.Listeners);
        Assert.DoesNotContain(options.Listeners, l => l.Address.Contains("hunter2", StringComparison.Ordinal));
    }
}
