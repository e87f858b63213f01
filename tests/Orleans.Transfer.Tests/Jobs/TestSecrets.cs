using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Transfer.Grains.Jobs;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Storage.Secrets;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>The real protector on an in-memory key ring, for tests without a silo.</summary>
internal static class TestSecrets
{
    public static ISecretProtector Protector { get; } = new DataProtectionSecretProtector(new EphemeralDataProtectionProvider());

    public static JobSecrets For(TransferJobState job) => new(Guid.NewGuid(), () => job, Protector, NullLogger.Instance);
}
