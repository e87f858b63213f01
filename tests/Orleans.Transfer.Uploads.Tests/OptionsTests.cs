using Microsoft.AspNetCore.Builder;
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
}
