using Orleans.Transfer.Grains.Jobs;

namespace Orleans.Transfer.Tests.Jobs;

/// <summary>Live progress for tests: file <see cref="FileIndex"/> has <see cref="Bytes"/> written, the others their checkpoint.</summary>
internal sealed class FixedLiveProgress : ILiveProgress
{
    public int FileIndex { get; set; } = -1;

    public long Bytes { get; set; }

    public long LiveBytes(int fileIndex, long checkpointed) => fileIndex == FileIndex ? Math.Max(checkpointed, Bytes) : checkpointed;
}
