using System.Runtime.Versioning;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Platform.Unix;
using Orleans.Transfer.Worker.OwnerFiles;

namespace Orleans.Transfer.Worker.Tests.OwnerFiles;

/// <summary>Which Unix identity a job's owner string gets, and the check of the trusted-service account at start.</summary>
[SupportedOSPlatform("linux")]
public sealed class OwnerAccountsTests
{
    [LinuxFact]
    public void Resolve_UnixUidWithAnAccount_IsThatUserWithItsGroups()
    {
        var root = Accounts().Resolve("unix:0");

        Assert.Equal((0u, 0u), (root.UserId, root.GroupId));
        Assert.Contains(0u, root.Groups);
    }

    [LinuxFact]
    public void Resolve_UnixUidWithoutAnAccount_UsesItsNumberAsGroup_AndNoGroups()
    {
        Assert.Equal((54399u, 54399u, 0), Shape(Accounts().Resolve("unix:54399")));
    }

    [LinuxFact]
    public void Resolve_ABareLocalUserName_IsThatUser()
    {
        Assert.Equal((0u, 0u), (Accounts().Resolve("root").UserId, Accounts().Resolve("root").GroupId));
    }

    [LinuxFact]
    public void Resolve_AnythingElse_IsTheTrustedServiceAccount_ByDefaultTheServiceItself()
    {
        var service = OwnerAccounts.Service();

        Assert.Equal(service.UserId, Accounts().Resolve("billing-service:customer-42").UserId);
        Assert.Equal(service.UserId, Accounts().Resolve(null).UserId);
        Assert.Equal(service.UserId, Accounts().Resolve("no-such-user-xfer").UserId);
    }

    [LinuxFact]
    public void Resolve_AnythingElse_WithAConfiguredAccount_IsThatAccount()
    {
        var accounts = Accounts(new OwnerFileAccessOptions { TrustedServiceAccount = "nobody" });

        Assert.Equal(UnixAccounts.FindUserId("nobody"), accounts.Resolve("billing-service:customer-42").UserId);
        Assert.Equal(0u, accounts.Resolve("unix:0").UserId);
    }

    [LinuxFact]
    public void Validate_AnAccountThatDoesNotExist_FailsNamingTheSetting()
    {
        var result = new OwnerFileAccessOptionsValidator().Validate(null, new OwnerFileAccessOptions { TrustedServiceAccount = "no-such-user-xfer" });

        Assert.True(result.Failed);
        Assert.Contains("Transfer:Security:TrustedServiceAccount", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("no-such-user-xfer", result.FailureMessage, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Validate_NoAccountOrAnExistingOne_Succeeds()
    {
        var validator = new OwnerFileAccessOptionsValidator();

        Assert.True(validator.Validate(null, new OwnerFileAccessOptions()).Succeeded);
        Assert.True(validator.Validate(null, new OwnerFileAccessOptions { TrustedServiceAccount = "root" }).Succeeded);
    }

    private static OwnerAccounts Accounts(OwnerFileAccessOptions? options = null) =>
        new(Options.Create(options ?? new OwnerFileAccessOptions()), TimeProvider.System);

    private static (uint, uint, int) Shape(UnixCredentials credentials) =>
        (credentials.UserId, credentials.GroupId, credentials.Groups.Count);
}
