using Orleans.Transfer.Worker;

namespace Orleans.Transfer.Grains.Validation;

/// <summary>Byte ranges (BITS B07): positive lengths, no overlaps, at most 500 per file.</summary>
internal static class RangeValidator
{
    /// <summary>
    /// B07, B128: a transport that moves whole files only (SMB) takes no ranges; <paramref name="count"/> is how many
    /// the file names, <paramref name="field"/> the remote name's field.
    /// </summary>
    public static void RequireSupported(ResolvedRemote remote, int count, string field)
    {
        if (count > 0 && !remote.SupportsRanges)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidRange,
                $"{field} is an {remote.Transport} name, and {remote.Transport} transfers whole files only: byte ranges are not supported (B07). "
                    + "Add the file without ranges, or download the ranges from an http(s) URL.",
                field);
        }
    }

    public static void Validate(IReadOnlyList<ByteRange>? ranges, string field)
    {
        if (ranges is null || ranges.Count == 0)
        {
            return;
        }

        if (ranges.Count > JobLimits.MaxRangesPerFile)
        {
            throw new TransferJobException(
                TransferErrorCode.InvalidRange,
                $"{field} has {ranges.Count} ranges; the limit is {JobLimits.MaxRangesPerFile} per file.",
                field);
        }

        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            if (range.Offset < 0 || range.Length is <= 0)
            {
                throw new TransferJobException(
                    TransferErrorCode.InvalidRange,
                    $"{field}[{i}] ({range.Offset}:{range.Length}) is invalid; offsets are 0 or more and lengths positive (or to the end of the file).",
                    $"{field}[{i}]");
            }
        }

        var sorted = ranges.Select((r, i) => (Range: r, Index: i)).OrderBy(x => x.Range.Offset).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var previous = sorted[i - 1].Range;
            if (previous.Length is null || previous.Offset + previous.Length > sorted[i].Range.Offset)
            {
                throw new TransferJobException(
                    TransferErrorCode.InvalidRange,
                    $"{field}[{sorted[i].Index}] overlaps {field}[{sorted[i - 1].Index}]; ranges must not overlap.",
                    $"{field}[{sorted[i].Index}]");
            }
        }
    }
}
