namespace Orleans.Transfer.Storage.Catalog;

/// <summary>How many unfinished jobs one owner has, and the whole service.</summary>
public sealed record UnfinishedJobCounts(int Owner, int All);
