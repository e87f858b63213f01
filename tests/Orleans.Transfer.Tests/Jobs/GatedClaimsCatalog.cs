using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Orleans.Transfer.Storage.Catalog;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>
/// The silo's catalog with its destination claims behind a <see cref="TestGate"/>: a claim whose transaction waits on a
/// busy database. Every other call goes straight through.
/// </summary>
[SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "DispatchProxy derives from it at run time.")]
internal class GatedClaimsCatalog : DispatchProxy
{
    private IJobCatalog _inner = null!;
    private TestGate _gate = null!;

    public static IJobCatalog Wrap(IJobCatalog inner, TestGate gate)
    {
        var catalog = Create<IJobCatalog, GatedClaimsCatalog>();
        var proxy = (GatedClaimsCatalog)(object)catalog;
        (proxy._inner, proxy._gate) = (inner, gate);
        return catalog;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name == nameof(IJobCatalog.TryClaimDestinationsAsync)
            ? ClaimAsync(targetMethod, args)
            : targetMethod.Invoke(_inner, args);
    }

    private async Task<string?> ClaimAsync(MethodInfo claim, object?[]? args)
    {
        await _gate.PassAsync().ConfigureAwait(false);
        return await ((Task<string?>)claim.Invoke(_inner, args)!).ConfigureAwait(false);
    }
}
