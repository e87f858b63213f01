using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Orleans.Transfer.TestOrigin;

/// <summary>
/// Deterministic pseudo-random content of any length, computed per position so any range can be produced without
/// holding the file in memory.
/// </summary>
public static class GeneratedContent
{
    /// <summary>The seed the executable uses for <c>--generate name=size</c>: a stable hash of the name.</summary>
    public static int SeedFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }

    /// <summary>Writes the bytes at <paramref name="offset"/> of the content for <paramref name="seed"/>.</summary>
    public static void Fill(int seed, long offset, Span<byte> destination)
    {
        var salt = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        var block = offset >> 3;
        var skip = (int)(offset & 7);
        Span<byte> word = stackalloc byte[8];
        var written = 0;
        if (skip != 0)
        {
            written = CopyPartial(word, Mix(unchecked((ulong)block++ + salt)), skip, destination);
        }

        // Whole 8-byte blocks straight into the destination: this runs at memory speed for the benchmarks.
        var words = MemoryMarshal.Cast<byte, ulong>(destination[written..]);
        for (var i = 0; i < words.Length; i++)
        {
            var value = Mix(unchecked((ulong)block++ + salt));
            words[i] = BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        }

        written += words.Length * 8;
        if (written < destination.Length)
        {
            CopyPartial(word, Mix(unchecked((ulong)block + salt)), 0, destination[written..]);
        }
    }

    /// <summary>The SHA-256 (lowercase hex) of <paramref name="length"/> bytes of the content for <paramref name="seed"/>.</summary>
    public static string ComputeSha256(long length, int seed) => ComputeSha256(length, (offset, span) => Fill(seed, offset, span));

    internal static string ComputeSha256(long length, Action<long, Span<byte>> fill)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            for (long offset = 0; offset < length;)
            {
                var count = (int)Math.Min(buffer.Length, length - offset);
                fill(offset, buffer.AsSpan(0, count));
                hash.AppendData(buffer, 0, count);
                offset += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static int CopyPartial(Span<byte> word, ulong value, int skip, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(word, value);
        var count = Math.Min(8 - skip, destination.Length);
        word.Slice(skip, count).CopyTo(destination);
        return count;
    }

    // SplitMix64's finalizer: cheap, and every bit of the block number affects every output bit.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
