namespace Orleans.Transfer.Cli.Tests;

/// <summary>Tests that set process environment variables run alone, so no other test reads them half set.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
