namespace Orleans.Transfer.Grains.Jobs;

/// <summary>Bytes a running transfer has written beyond its last checkpoint.</summary>
internal interface ILiveProgress
{
    /// <summary>The live byte count of file <paramref name="fileIndex"/>, never below <paramref name="checkpointed"/>.</summary>
    long LiveBytes(int fileIndex, long checkpointed);
}
