namespace Orleans.Transfer.Worker;

/// <summary>
/// The next fragment's size: starts at the initial size, doubles after a full fragment acknowledged within
/// <see cref="BitsUploadOptions.FastAck"/>, halves on 413 and on failures, never below 5 KiB or above the maximum.
/// </summary>
internal sealed class FragmentSizer(BitsUploadOptions options)
{
    public int Size { get; private set; } = options.InitialFragmentBytes;

    public bool AtFloor => Size <= BitsUploadOptions.MinimumFragmentBytes;

    public void Acknowledged(int sent, TimeSpan elapsed)
    {
        if (sent >= Size && elapsed <= options.FastAck)
        {
            Size = (int)Math.Min((long)Size * 2, options.MaxFragmentBytes);
        }
    }

    public void Shrink() => Size = Math.Max(Size / 2, BitsUploadOptions.MinimumFragmentBytes);
}
