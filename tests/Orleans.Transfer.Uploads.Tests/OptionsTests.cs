using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Uploads.Sessions;

namespace Orleans.Transfer.Uploads.Tests;

public sealed class OptionsTests
{
    [Fact]
    public async Task Start_InvalidDirectory_FailsNamingTheFields()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<IUploadSessionStore>(new InMemoryUploadSessionStore());
        builder.Services.AddBitsUploads(o =>
        {
            o.MaxSessions = 0;
            o.SweepInterval = TimeSpan.FromDays(60);
            o.Directories.Add(new BitsVirtualDirectoryOptions
            {
                Path = "uploads/",
                Root = "relative",
                NotificationType = BitsNotificationType.ByValue,
                Authentication = BitsAuthentication.Basic,
            });
        });
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(error.Failures, f => f.Contains("MaxSessions", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("SweepInterval", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Path must start", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Root must be", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("NotificationUrl", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("PasswordFile", StringComparison.Ordinal));
    }

    /// <summary>docs/contracts.md: the write lease's default and bounds.</summary>
    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(600, true)]
    [InlineData(601, false)]
    public async Task UploadServerOptions_SessionLease_KeepsItsDefaultAndBounds(int seconds, bool valid)
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new BitsUploadServerOptions().SessionLease);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IUploadSessionStore>(new InMemoryUploadSessionStore());
        builder.Services.AddBitsUploads(o => o.SessionLease = TimeSpan.FromSeconds(seconds));
        await using var app = builder.Build();
        if (valid)
        {
            await app.StartAsync();
            await app.StopAsync();
        }
        else
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains(error.Failures, f => f.Contains("Transfer:Uploads:SessionLease", StringComparison.Ordinal) && f.Contains("00:00:30", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task MapBitsUploads_InvalidDirectory_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<IUploadSessionStore>(new InMemoryUploadSessionStore());
        builder.Services.AddBitsUploads();
        await using var app = builder.Build();
        var error = Assert.Throws<OptionsValidationException>(() => app.MapBitsUploads("/up", d => d.MaxFragmentBytes = 0));
        Assert.Contains(error.Failures, f => f.Contains("Root", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxFragmentBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MapBitsUploads_TheConfiguredDirectories_ServesEach()
    {
        var root = Directory.CreateTempSubdirectory("xfer-uploads-").FullName;
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Services.AddSingleton<IUploadSessionStore>(new InMemoryUploadSessionStore());
            builder.Services.AddBitsUploads(o =>
            {
                o.Directories.Add(new BitsVirtualDirectoryOptions { Path = "/one", Root = root });
                o.Directories.Add(new BitsVirtualDirectoryOptions { Path = "/two/deep", Root = root, AllowOverwrite = true });
            });
            await using var app = builder.Build();
            app.MapBitsUploads();
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var (_, one) = await client.UploadAsync("/one/a.bin", [1, 2, 3], 3);
            one.Dispose();
            var (_, two) = await client.UploadAsync("/two/deep/a.bin", [4, 5], 2);
            two.Dispose();
            Assert.Equal([4, 5], await File.ReadAllBytesAsync(Path.Combine(root, "a.bin")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
