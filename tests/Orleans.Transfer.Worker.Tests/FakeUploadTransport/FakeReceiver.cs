using System.Collections.Concurrent;

namespace Orleans.Transfer.Worker.Tests;

/// <summary>The far side of the fake upload transport: one <see cref="FakeUpload"/> per URL, made on first use.</summary>
internal sealed class FakeReceiver
{
    private readonly ConcurrentDictionary<string, FakeUpload> _uploads = new(StringComparer.Ordinal);

    public FakeUpload this[string url] => _uploads.GetOrAdd(new Uri(url).AbsoluteUri, _ => new FakeUpload());
}
