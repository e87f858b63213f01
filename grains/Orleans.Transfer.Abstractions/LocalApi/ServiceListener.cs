namespace Orleans.Transfer.LocalApi;

/// <summary>One address the service listens on, as <c>xfer service status</c> shows it.</summary>
/// <param name="Name">What listens: <c>localApi</c>, <c>silo</c>, <c>gateway</c>, <c>uploads</c>, ...</param>
/// <param name="Address">
/// Where: <c>unix:/path/xfer.sock</c>, <c>pipe:orleans-transfer</c>, <c>127.0.0.1:30000</c>, <c>http://127.0.0.1:8470/</c>.
/// </param>
[GenerateSerializer, Immutable, Alias("Orleans.Transfer.LocalApi.ServiceListener")]
public sealed record ServiceListener(string Name, string Address);
