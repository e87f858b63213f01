namespace Orleans.Transfer.Worker.Tests.Transports.Smb;

/// <summary>An open file of <see cref="FakeSmbClient"/>: positional reads and writes on the shared bytes.</summary>
internal sealed class FakeSmbFile(FakeSmbClient client, FakeShareFile file) : ISmbFile
{
    public SmbFileInfo Info { get; } = file.Info;

    public Task<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        client.Record($"read {offset}", "read");
        client.OnRead?.Invoke(offset);
        var content = file.Content;
        if (offset >= content.Length)
        {
            return Task.FromResult(0);
        }

        var count = (int)Math.Min(buffer.Length, content.Length - offset);
        content.AsSpan((int)offset, count).CopyTo(buffer.Span);
        return Task.FromResult(count);
    }

    public Task WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        client.Record($"write {offset}", "write");
        client.OnWrite?.Invoke(offset);
        var end = (int)offset + data.Length;
        if (end > file.Content.Length)
        {
            var grown = file.Content;
            Array.Resize(ref grown, end);
            file.Content = grown;
        }

        data.Span.CopyTo(file.Content.AsSpan((int)offset));
        file.LastWriteTime = client.Tick();
        return Task.CompletedTask;
    }

    public Task TruncateAsync(long length, CancellationToken cancellationToken)
    {
        client.Record($"truncate {length}", "truncate");
        var resized = file.Content;
        Array.Resize(ref resized, (int)length);
        file.Content = resized;
        return Task.CompletedTask;
    }

    public Task<SmbFileInfo> StatAsync(CancellationToken cancellationToken)
    {
        client.Record("fstat", "fstat");
        return Task.FromResult(file.Info);
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        client.Record("flush", "flush");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
