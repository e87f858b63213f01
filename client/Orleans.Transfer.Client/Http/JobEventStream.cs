using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Client.Http;

/// <summary>Reads a job's event stream: Server-Sent Events whose <c>data</c> is one <see cref="JobEvent"/> each.</summary>
internal static class JobEventStream
{
    /// <summary>Yields each event of <paramref name="response"/>'s body until the server ends the stream.</summary>
    public static async IAsyncEnumerable<JobEvent> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(body, static (_, data) => JsonSerializer.Deserialize(data, TransferJsonMetadata.For<JobEvent>()));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            // The JSON literal null deserializes to no event: there is nothing to yield.
            if (item.Data is { } jobEvent)
            {
                yield return jobEvent;
            }
        }
    }
}
