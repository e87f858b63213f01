namespace Orleans.Transfer.Storage.Tests;

[GenerateSerializer, Alias("Orleans.Transfer.Storage.Tests.ProbeState")]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}
