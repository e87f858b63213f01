using Orleans.Transfer.Silo.Security;

namespace Orleans.Transfer.Integration.Tests;

public sealed class OrleansTlsDecisionTests
{
    [Theory]
    [InlineData(OrleansTlsMode.Auto, ProcessPrivilege.Root, true, "the silo runs as root")]
    [InlineData(OrleansTlsMode.Auto, ProcessPrivilege.WindowsService, true, "the silo runs as a Windows service")]
    [InlineData(OrleansTlsMode.Auto, ProcessPrivilege.Administrator, true, "the silo runs as an Administrator")]
    [InlineData(OrleansTlsMode.Auto, ProcessPrivilege.None, false, "the silo runs unprivileged")]
    [InlineData(OrleansTlsMode.On, ProcessPrivilege.None, true, "Transfer:Security:OrleansTls is On")]
    [InlineData(OrleansTlsMode.Off, ProcessPrivilege.Root, false, "Transfer:Security:OrleansTls is Off")]
    public void Decide_ModeAndPrivilege_GivesStateAndReason(OrleansTlsMode mode, ProcessPrivilege privilege, bool enabled, string reason)
    {
        var decision = OrleansTlsDecision.Decide(mode, privilege);

        Assert.Equal(enabled, decision.Enabled);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCurrentProcess_Auto_FollowsEffectiveUser() =>
        Assert.Equal(Environment.IsPrivilegedProcess, OrleansTlsDecision.ForCurrentProcess(OrleansTlsMode.Auto).Enabled);
}
