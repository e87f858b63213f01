using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>
/// The cache as the owners' identities use it (an owner name to its resolved identity): reused for the configured time
/// only, per key, bounded, and never when the lookup failed.
/// </summary>
public sealed class ExpiringCacheTests
{
    private readonly FakeTimeProvider _time = new();
    private int _lookups;

    [Fact]
    public void Get_WithinTheLifetime_LooksTheOwnerUpOnce()
    {
        var cache = new ExpiringCache<string, UnixCredentials>(TimeSpan.FromSeconds(5), _time);

        cache.Get("unix:1000", Lookup);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        var again = cache.Get("unix:1000", Lookup);

        Assert.Equal(1, _lookups);
        Assert.Equal(1000u, again.UserId);
    }

    [Fact]
    public void Get_AfterTheLifetime_LooksTheOwnerUpAgain_SoAGroupChangeApplies()
    {
        var cache = new ExpiringCache<string, UnixCredentials>(TimeSpan.FromSeconds(5), _time);
        cache.Get("unix:1000", Lookup);

        _time.Advance(TimeSpan.FromSeconds(5));
        var again = cache.Get("unix:1000", Lookup);

        Assert.Equal(2, _lookups);
        Assert.Equal([2u], again.Groups);
    }

    [Fact]
    public void Get_EachOwner_HasItsOwnEntry()
    {
        var cache = new ExpiringCache<string, UnixCredentials>(TimeSpan.FromSeconds(5), _time);

        var first = cache.Get("unix:1000", Lookup);
        var second = cache.Get("unix:1001", Lookup);

        Assert.Equal((1000u, 1001u, 2), (first.UserId, second.UserId, _lookups));
    }

    [Fact]
    public void Get_WithZeroLifetime_LooksUpEveryTime_AndKeepsNothing()
    {
        var cache = new ExpiringCache<string, UnixCredentials>(TimeSpan.Zero, _time);

        cache.Get("unix:1000", Lookup);
        cache.Get("unix:1000", Lookup);

        Assert.Equal((2, 0), (_lookups, cache.Count));
    }

    [Fact]
    public void Get_ManyOwners_NeverKeepsMoreThanTheBound()
    {
        var cache = new ExpiringCache<string, UnixCredentials>(TimeSpan.FromMinutes(1), _time);

        for (var uid = 0; uid < (ExpiringCache<string, UnixCredentials>.MaxEntries * 2) + 10; uid++)
        {
            cache.Get($"unix:{uid}", Lookup);
            Assert.InRange(cache.Count, 1, ExpiringCache<string, UnixCredentials>.MaxEntries);
        }
    }

    [Fact]
    public void Get_WhenFull_DropsExpiredOwnersFirst_AndKeepsTheBusyOne()
    {
        var cache = new ExpiringCache<string, UnixCredentials>(TimeSpan.FromSeconds(5), _time);
        for (var uid = 0; uid < ExpiringCache<string, UnixCredentials>.MaxEntries - 1; uid++)
        {
            cache.Get($"unix:{uid}", Lookup);
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        cache.Get("unix:50000", Lookup);
        cache.Get("unix:99999", Lookup);
        var lookupsBefore = _lookups;
        cache.Get("unix:50000", Lookup);

        Assert.Equal((lookupsBefore, 2), (_lookups, cache.Count));
    }

    [Fact]
    public void Get_AFailedLookup_IsNotKept()
    {
        var cache = new ExpiringCache<string, UnixCredentials>(TimeSpan.FromSeconds(5), _time);

        Assert.Throws<OwnerFileException>(() => cache.Get("gone", _ => throw new OwnerFileException(TransferErrorCode.AccessDenied, "no such account")));
        var later = cache.Get("gone", Lookup);

        Assert.Equal((1, 1), (_lookups, cache.Count));
        Assert.Equal(0u, later.UserId);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void IdentityCacheTime_IsZeroToOneMinute(int seconds, bool valid)
    {
        var options = new OwnerFileAccessOptions { IdentityCacheTime = TimeSpan.FromSeconds(seconds) };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }

    // Each lookup returns the owner's uid and, as its only group, how many lookups there have been.
    private UnixCredentials Lookup(string owner)
    {
        _lookups++;
        var uid = owner.StartsWith("unix:", StringComparison.Ordinal) ? uint.Parse(owner.AsSpan(5), provider: null) : 0u;
        return new UnixCredentials(uid, uid, [(uint)_lookups]);
    }
}
