using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>A directory found writable is known for that identity, with that stamp, for the identity cache's time only.</summary>
public sealed class ProbedDirectoriesTests
{
    private static readonly UnixCredentials s_alice = new(1000, 1000, [1000]);
    private static readonly UnixCredentials s_bob = new(1001, 1001, [1001]);
    private static readonly DirectoryStamp s_stamp = new(Device: 2049, Inode: 42, UserId: 1000, GroupId: 1000, Permissions: 0b111_101_101);

    private readonly FakeTimeProvider _time = new();

    /// <summary>Adds: another identity, another directory or any other stamp field is not the directory found writable.</summary>
    [Fact]
    public void AWritableDirectory_IsKnown_ForItsIdentityAndStamp_Only()
    {
        var probed = Probed(TimeSpan.FromSeconds(5));
        probed.FoundWritable(s_alice, "/srv/in", s_stamp);

        Assert.True(probed.IsKnownWritable(s_alice, "/srv/in", s_stamp));
        Assert.False(probed.IsKnownWritable(s_bob, "/srv/in", s_stamp));
        Assert.False(probed.IsKnownWritable(s_alice, "/srv/other", s_stamp));
        Assert.False(probed.IsKnownWritable(s_alice, "/srv/in", s_stamp with { Permissions = 0b111_000_000 }));
        Assert.False(probed.IsKnownWritable(s_alice, "/srv/in", s_stamp with { UserId = 0 }));
        Assert.False(probed.IsKnownWritable(s_alice, "/srv/in", s_stamp with { Inode = 43 }));
    }

    /// <summary>
    /// Adds: an identity resolved again (a new object with the same ids, as after the identity cache's time or a group
    /// change) is a new key, so the directory is probed again for it.
    /// </summary>
    [Fact]
    public void AnIdentityResolvedAgain_IsANewKey()
    {
        var probed = Probed(TimeSpan.FromSeconds(5));
        probed.FoundWritable(s_alice, "/srv/in", s_stamp);

        Assert.False(probed.IsKnownWritable(new UnixCredentials(1000, 1000, [1000]), "/srv/in", s_stamp));
    }

    /// <summary>Adds: the memory lasts the identity cache's time, and a zero time keeps nothing.</summary>
    [Fact]
    public void AWritableDirectory_IsForgotten_AfterTheIdentityCacheTime_AndNeverKeptWithZero()
    {
        var probed = Probed(TimeSpan.FromSeconds(5));
        var never = Probed(TimeSpan.Zero);
        probed.FoundWritable(s_alice, "/srv/in", s_stamp);
        never.FoundWritable(s_alice, "/srv/in", s_stamp);

        Assert.False(never.IsKnownWritable(s_alice, "/srv/in", s_stamp));
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.True(probed.IsKnownWritable(s_alice, "/srv/in", s_stamp));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(probed.IsKnownWritable(s_alice, "/srv/in", s_stamp));
    }

    private ProbedDirectories Probed(TimeSpan lifetime) =>
        new(Options.Create(new OwnerFileAccessOptions { IdentityCacheTime = lifetime }), _time);
}
