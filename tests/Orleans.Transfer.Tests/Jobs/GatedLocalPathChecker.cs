using Orleans.Transfer.Worker.LocalPaths;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>The silo's own local path checker behind a <see cref="TestGate"/>: an owner check that waits on a slow share.</summary>
internal sealed class GatedLocalPathChecker(ILocalPathChecker inner, TestGate gate) : ILocalPathChecker
{
    public async Task CheckAsync(string? owner, IReadOnlyList<LocalPathCheck> paths, CancellationToken cancellationToken = default)
    {
        await gate.PassAsync(cancellationToken).ConfigureAwait(false);
        await inner.CheckAsync(owner, paths, cancellationToken).ConfigureAwait(false);
    }
}
