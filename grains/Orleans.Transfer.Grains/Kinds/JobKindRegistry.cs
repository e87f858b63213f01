namespace Orleans.Transfer.Grains.Kinds;

/// <summary>The registered job kinds by <see cref="JobType"/>; a kind registered later replaces an earlier one.</summary>
public sealed class JobKindRegistry
{
    private readonly Dictionary<JobType, IJobKind> _kinds = [];

    public JobKindRegistry(IEnumerable<IJobKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var kind in kinds)
        {
            _kinds[kind.Type] = kind;
        }
    }

    /// <summary>The kind for <paramref name="type"/>; NotSupported naming the <c>type</c> field when none is registered.</summary>
    public IJobKind Get(JobType type) =>
        _kinds.TryGetValue(type, out var kind)
            ? kind
            : throw new TransferJobException(
                TransferErrorCode.NotSupported,
                $"type {type} is not supported yet; only {string.Join(", ", _kinds.Keys.Order())} jobs can be created.",
                "type");
}
