namespace Orleans.Transfer.Chaos;

/// <summary>One file of a chaos job: its name on the origin, its size at creation and where it lands.</summary>
public sealed record ChaosFile(string Name, long Size, string Destination);
