using System.Collections.Concurrent;

namespace Orleans.Transfer.Cli.Tests;

/// <summary>Counts the Complete calls each job grain receives, whoever makes them: how a test proves none was made.</summary>
public sealed class CompleteCalls : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<Guid, int> _calls = new();

    public int For(Guid jobId) => _calls.GetValueOrDefault(jobId);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceMethod?.Name == nameof(ITransferJobGrain.CompleteAsync) && context.InterfaceMethod.DeclaringType == typeof(ITransferJobGrain))
        {
            _calls.AddOrUpdate(context.TargetId.GetGuidKey(), 1, (_, n) => n + 1);
        }

        return context.Invoke();
    }
}
