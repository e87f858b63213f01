using Microsoft.Extensions.Options;
using Orleans.Transfer.Grains.Cluster;
using Orleans.Transfer.Grains.Placement;

namespace Orleans.Transfer.Tests.Cluster;

public sealed class SharedRootsTests
{
    private static readonly string s_shared = Path.Combine(Path.GetTempPath(), "xfer-shared");

    [Fact]
    public void A_root_covers_itself_and_what_is_under_it_only()
    {
        var roots = new SharedRootSet([s_shared + Path.DirectorySeparatorChar]);

        Assert.True(roots.Covers(s_shared));
        Assert.True(roots.Covers(Path.Combine(s_shared, "a", "file.bin")));
        Assert.False(roots.Covers(s_shared + "-other" + Path.DirectorySeparatorChar + "file.bin"));
        Assert.False(roots.Covers(Path.Combine(Path.GetTempPath(), "file.bin")));
    }

    [Fact]
    public void A_job_with_a_path_outside_every_shared_root_is_pinned_to_this_host()
    {
        var pinning = new JobHostPinning(Options.Create(new TransferClusterOptions { HostName = "host-a", SharedRoots = [s_shared] }));

        Assert.Null(pinning.PinFor([Path.Combine(s_shared, "1.bin"), Path.Combine(s_shared, "2.bin"), null]));
        Assert.Equal("host-a", pinning.PinFor([Path.Combine(s_shared, "1.bin"), Path.Combine(Path.GetTempPath(), "2.bin")]));
        Assert.Null(pinning.PinFor([]));
    }

    [Fact]
    public void Without_shared_roots_every_local_path_pins()
    {
        var pinning = new JobHostPinning(Options.Create(new TransferClusterOptions { HostName = "host-a" }));

        Assert.Equal("host-a", pinning.PinFor([Path.Combine(s_shared, "1.bin")]));
    }

    [Theory]
    [InlineData("relative/dir", "SharedRoots:0")]
    [InlineData("/srv/../etc", "SharedRoots:0")]
    public void A_bad_shared_root_is_refused_naming_its_key(string root, string key)
    {
        var result = new TransferClusterOptionsValidator().Validate(null, new TransferClusterOptions { SharedRoots = [root] });

        Assert.True(result.Failed);
        Assert.Contains($"Transfer:Cluster:{key}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host a")]
    [InlineData("host/a")]
    public void A_bad_host_name_is_refused(string host)
    {
        var result = new TransferClusterOptionsValidator().Validate(null, new TransferClusterOptions { HostName = host });

        Assert.True(result.Failed);
        Assert.Contains("Transfer:Cluster:HostName", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new TransferClusterOptions { SharedRoots = [s_shared] };

        Assert.True(new TransferClusterOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(Environment.MachineName, options.HostName);
    }
}
