namespace Orleans.Transfer.Grains.Jobs;

/// <summary>
/// The files of one job in flight, in index order, and the order they may complete in (B38: files complete strictly
/// in order). A file that finishes is released once every earlier file in the window is released; until then it is
/// held. A file keeps its slot until it is both released and its run has ended, so a held file counts against the
/// capacity and the window never runs further ahead than <c>capacity</c> files. Plain and single-threaded.
/// </summary>
internal sealed class JobRunnerWindow
{
    private readonly int _capacity;
    private readonly List<Slot> _slots = [];

    public JobRunnerWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Capacity => _capacity;

    public bool HasRoom => _slots.Count < _capacity;

    public bool Contains(int index) => Find(index) >= 0;

    /// <summary>Gives file <paramref name="index"/> a slot; its run is starting.</summary>
    public void Open(int index)
    {
        if (!HasRoom || Contains(index))
        {
            throw new InvalidOperationException($"File {index} cannot open: {_slots.Count} of {_capacity} slots taken, or it is open already.");
        }

        var at = _slots.FindIndex(s => s.Index > index);
        _slots.Insert(at < 0 ? _slots.Count : at, new Slot(index));
    }

    /// <summary>
    /// Records that file <paramref name="index"/> finished; returns the files it releases, in order: none while an
    /// earlier file is unfinished, else it and the held files after it up to the next unfinished one.
    /// </summary>
    public IReadOnlyList<int> Finish(int index)
    {
        _slots[Require(index)].Finished = true;
        List<int> released = [];
        foreach (var slot in _slots)
        {
            if (slot.Released)
            {
                continue;
            }

            if (!slot.Finished)
            {
                break;
            }

            slot.Released = true;
            released.Add(slot.Index);
        }

        _slots.RemoveAll(s => s.Released && s.Ended);
        return released;
    }

    /// <summary>
    /// Records that the run of file <paramref name="index"/> ended; its slot frees once the file is also released.
    /// False when the run ended without finishing: the file keeps its slot and must start again.
    /// </summary>
    public bool End(int index)
    {
        var at = Require(index);
        var slot = _slots[at];
        if (!slot.Finished)
        {
            return false;
        }

        slot.Ended = true;
        if (slot.Released)
        {
            _slots.RemoveAt(at);
        }

        return true;
    }

    private int Find(int index) => _slots.FindIndex(s => s.Index == index);

    private int Require(int index)
    {
        var at = Find(index);
        return at >= 0 ? at : throw new InvalidOperationException($"File {index} is not in flight.");
    }

    private sealed class Slot(int index)
    {
        public int Index { get; } = index;

        public bool Finished { get; set; }

        public bool Released { get; set; }

        public bool Ended { get; set; }
    }
}
