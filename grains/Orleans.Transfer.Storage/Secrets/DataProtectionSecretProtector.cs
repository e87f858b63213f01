using Microsoft.AspNetCore.DataProtection;

namespace Orleans.Transfer.Storage.Secrets;

internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public string Protect(string secret, string purpose)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return provider.CreateProtector(purpose).Protect(secret);
    }

    public string Unprotect(string protectedSecret, string purpose)
    {
        ArgumentNullException.ThrowIfNull(protectedSecret);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return provider.CreateProtector(purpose).Unprotect(protectedSecret);
    }
}
