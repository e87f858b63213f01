using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Transfer.Dashboard.Options;
using Orleans.Transfer.Dashboard.Sessions;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Integration.Tests.Dashboard;

/// <summary>Login tokens and sessions against a fake clock: single use, short-lived, sessions end.</summary>
public sealed class DashboardSessionsTests
{
    private static readonly CallerInfo s_alice = new("unix:1001", "alice", IsAdministrator: false);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void LoginToken_WorksOnce()
    {
        var sessions = Create();
        var (token, _) = sessions.MintLogin(s_alice);

        var first = sessions.Redeem(token);
        Assert.NotNull(first);
        Assert.Equal(s_alice, first.Value.Session.Caller);
        Assert.Same(first.Value.Session, sessions.Find(first.Value.SessionId));
        Assert.Null(sessions.Redeem(token));
    }

    [Fact]
    public void LoginToken_Expires_AfterItsLifetime()
    {
        var sessions = Create();
        var (token, expiresAt) = sessions.MintLogin(s_alice);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(2), expiresAt);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(sessions.Redeem(token));
    }

    [Fact]
    public void Session_Ends_AtItsLifetime_OrAtLogout()
    {
        var sessions = Create();
        var (id, _) = sessions.Redeem(sessions.MintLogin(s_alice).Token)!.Value;
        var (other, _) = sessions.Redeem(sessions.MintLogin(s_alice).Token)!.Value;

        sessions.End(other);
        Assert.Null(sessions.Find(other));
        _time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.NotNull(sessions.Find(id));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(sessions.Find(id));
        Assert.Null(sessions.Find("not-a-session"));
        Assert.Null(sessions.Redeem("not-a-token"));
    }

    private DashboardSessions Create() => new(Options.Create(new DashboardOptions()), _time);
}
