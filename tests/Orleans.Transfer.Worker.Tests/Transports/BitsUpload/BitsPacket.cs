namespace Orleans.Transfer.Worker.Tests.Transports.BitsUpload;

/// <summary>One packet as <see cref="BitsTestServer"/> received it.</summary>
internal sealed record BitsPacket(
    string Type, string? SessionId, string? ContentRange, long BodyLength, string Host, string? Authorization, string? ContentName);
