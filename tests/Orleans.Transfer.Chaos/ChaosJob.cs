namespace Orleans.Transfer.Chaos;

/// <summary>A job the driver created, with the files it must end up with.</summary>
public sealed record ChaosJob(Guid Id, IReadOnlyList<ChaosFile> Files);
