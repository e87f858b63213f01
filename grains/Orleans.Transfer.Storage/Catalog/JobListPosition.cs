using System.Buffers.Binary;
using System.Buffers.Text;

namespace Orleans.Transfer.Storage.Catalog;

/// <summary>
/// Where a listing page ended: the last row's (created, id), the listing's sort key. Its token is opaque to callers
/// (version byte, UTC ticks, id bytes, base64url), so the encoding can change without breaking them.
/// </summary>
internal readonly record struct JobListPosition(DateTimeOffset Created, Guid Id)
{
    private const byte Version = 1;
    private const int Length = 1 + sizeof(long) + 16;
    private const string Field = "continuationToken";

    public string ToToken()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], Created.UtcTicks);
        Id.TryWriteBytes(bytes[9..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a token; anything this code did not write is InvalidArgument naming the field.</summary>
    public static JobListPosition FromToken(string token)
    {
        Span<byte> bytes = stackalloc byte[Length + 3];
        if (token.Length > 64
            || !Base64Url.IsValid(token)
            || !Base64Url.TryDecodeFromChars(token, bytes, out var written)
            || written != Length
            || bytes[0] != Version)
        {
            throw Invalid();
        }

        var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes[1..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Invalid();
        }

        return new JobListPosition(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[9..Length]));
    }

    private static TransferJobException Invalid() =>
        new(
            TransferErrorCode.InvalidArgument,
            $"{Field} is not a token this service issued; pass the token of the previous page unchanged, or none for the first page.",
            Field);
}
