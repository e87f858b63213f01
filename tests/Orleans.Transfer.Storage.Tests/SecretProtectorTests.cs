using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Storage.Secrets;

namespace Orleans.Transfer.Storage.Tests;

/// <summary>The real Data Protection key ring, in a temporary data directory.</summary>
public sealed class SecretProtectorTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("xfer-secrets-").FullName;

    [Fact]
    public void Protect_ThenUnprotect_RoundTrips_AndTheCiphertextDoesNotHoldThePlaintext()
    {
        using var services = Services();
        var protector = services.GetRequiredService<ISecretProtector>();
        const string Secret = "hunter2-webhook-secret";

        var ciphertext = protector.Protect(Secret, SecretPurposes.WebhookSecret);

        Assert.DoesNotContain(Secret, ciphertext, StringComparison.Ordinal);
        Assert.Equal(Secret, protector.Unprotect(ciphertext, SecretPurposes.WebhookSecret));
    }

    [Fact]
    public void Unprotect_UnderAnotherPurpose_Fails()
    {
        using var services = Services();
        var protector = services.GetRequiredService<ISecretProtector>();
        var ciphertext = protector.Protect("s", SecretPurposes.WebhookSecret);

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(ciphertext, SecretPurposes.HttpCredential));
    }

    [Fact]
    public void SilosSharingTheKeyDirectory_ReadEachOthersSecrets()
    {
        var shared = Path.Combine(_home, "shared-keys");
        string ciphertext;
        using (var first = Services(shared))
        {
            ciphertext = first.GetRequiredService<ISecretProtector>().Protect("cluster secret", SecretPurposes.WebhookSecret);
        }

        using var second = Services(shared);
        Assert.Equal("cluster secret", second.GetRequiredService<ISecretProtector>().Unprotect(ciphertext, SecretPurposes.WebhookSecret));
    }

    [Fact]
    public void KeyDirectory_DefaultsToKeysInTheDataDirectory_OnlyTheServiceAccountMayEnterIt_AndKeysAre0600()
    {
        using var services = Services();
        services.GetRequiredService<ISecretProtector>().Protect("s", SecretPurposes.WebhookSecret);

        var keys = Path.Combine(_home, TransferSecretsOptions.DefaultKeyDirectoryName);
        Assert.NotEmpty(Directory.GetFiles(keys));
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        foreach (var file in Directory.GetFiles(keys))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void KeyDirectory_MustBeAbsolute()
    {
        var result = new TransferSecretsOptionsValidator().Validate(null, new TransferSecretsOptions { KeyDirectory = "keys" });

        Assert.True(result.Failed);
        Assert.Contains("Transfer:Security:KeyDirectory", result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private ServiceProvider Services(string? keyDirectory = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddOptions<TransferStorageOptions>().Configure(o => o.DataDirectory = _home);
        services.AddTransferSecrets();
        services.Configure<TransferSecretsOptions>(o => o.KeyDirectory = keyDirectory);
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<TransferSecretsOptions>>().Value;
        return provider;
    }
}
