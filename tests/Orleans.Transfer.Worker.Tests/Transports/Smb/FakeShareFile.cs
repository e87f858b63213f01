namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>A file in <see cref="FakeSmbClient"/>'s memory: its bytes and last-write time.</summary>
internal sealed class FakeShareFile(byte[] content, DateTimeOffset lastWriteTime)
{
    public byte[] Content { get; set; } = content;

    public DateTimeOffset LastWriteTime { get; set; } = lastWriteTime;

    public SmbFileInfo Info => new(Content.Length, LastWriteTime, IsDirectory: false);
}
