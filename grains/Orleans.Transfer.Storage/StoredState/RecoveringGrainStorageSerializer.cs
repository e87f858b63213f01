using Orleans.Storage;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// Grain storage serialization that never fails an activation over one bad row of an <see cref="IRecoverableState"/>
/// type (corrupt JSON, an enum value this version does not know, a missing required member): the grain gets a state
/// marked unreadable instead. Other types behave as with <paramref name="inner"/>. Writing is unchanged, so the
/// original row stays as it was until the grain writes again.
/// </summary>
internal sealed class RecoveringGrainStorageSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => inner.Serialize(input);

    public T? Deserialize<T>(BinaryData input)
    {
        if (!typeof(IRecoverableState).IsAssignableFrom(typeof(T)))
        {
            return inner.Deserialize<T>(input);
        }

        string? problem;
        try
        {
            var state = inner.Deserialize<T>(input);
            problem = state is IRecoverableState recoverable ? recoverable.FindProblem() : "the stored value is null";
            if (problem is null)
            {
                return state;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = e.Message;
        }

        var unreadable = Activator.CreateInstance<T>();
        ((IRecoverableState)unreadable!).MarkUnreadable(problem, input.ToMemory());
        return unreadable;
    }
}
