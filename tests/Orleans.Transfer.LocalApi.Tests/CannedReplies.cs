using System.Collections.Concurrent;
using Orleans.Transfer.Uploads;

namespace Orleans.Transfer.LocalApi.Tests;

/// <summary>
/// Answers <see cref="ITransferJobGrain.GetReplyAsync"/> for the jobs a test names, in the silo's grain-call pipeline, so
/// the reply route is tested through the real endpoint, access rule and error mapping without an upload server; every
/// other call (and every other job's reply) reaches the real grain.
/// </summary>
public sealed class CannedReplies : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<Guid, Func<JobReply>> _replies = new();

    /// <summary>The job's reply is <paramref name="answer"/>'s result, or what it throws.</summary>
    public void Set(Guid jobId, Func<JobReply> answer) => _replies[jobId] = answer;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceMethod?.Name == nameof(ITransferJobGrain.GetReplyAsync)
            && _replies.TryGetValue(context.TargetId.GetGuidKey(), out var answer))
        {
            context.Result = answer();
            return Task.CompletedTask;
        }

        return context.Invoke();
    }
}
