using System.Buffers.Binary;
using System.Text;

namespace Orleans.Transfer.Worker.Tests.Transports.Http.Options.Peers;

/// <summary>
/// A squid NTLM authentication helper (squid's helper protocol: <c>YR</c> → <c>TT</c> challenge, <c>KK</c> →
/// <c>AF</c> user) that checks the handshake only, like squid's own ntlm_fake_auth. That one is not used because
/// its challenge is malformed in Debian 12's squid 5.7 (an uninitialised target-name offset, no target info), which
/// .NET's managed NTLM rejects. This one sends a well-formed NTLMv2 challenge and accepts any AUTHENTICATE message.
/// </summary>
internal static class NtlmHandshakeHelper
{
    private const uint ChallengeFlags = 0xE2898235;

    /// <summary>Writes the helper script into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory)
    {
        var challenge = Convert.ToBase64String(Challenge());

        // "TlRMTVNTUAADAAAA" is the base64 of the NTLMSSP signature with message type 3 (AUTHENTICATE).
        var path = PeerDirectory.Write(directory, "ntlm-helper.sh", $$"""
            #!/bin/sh
            while read -r command blob; do
              case "$command $blob" in
                "YR "*) echo "TT {{challenge}}" ;;
                "KK TlRMTVNTUAADAAAA"*) echo "AF xfer-ntlm-user" ;;
                *) echo "NA not an NTLM handshake message" ;;
              esac
            done

            """);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        return path;
    }

    private static byte[] Challenge()
    {
        var domain = Encoding.Unicode.GetBytes("XFER");
        var computer = Encoding.Unicode.GetBytes("SQUID");
        var info = new List<byte>();
        AddPair(info, 2, domain);
        AddPair(info, 1, computer);
        var timestamp = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(timestamp, DateTime.UtcNow.ToFileTimeUtc());
        AddPair(info, 7, timestamp);
        AddPair(info, 0, []);

        const int header = 56;
        var message = new byte[header + domain.Length + info.Count];
        Encoding.ASCII.GetBytes("NTLMSSP\0").CopyTo(message, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), 2);
        WriteField(message.AsSpan(12), domain.Length, header);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(20), ChallengeFlags);
        "xfer-ntl"u8.CopyTo(message.AsSpan(24));
        WriteField(message.AsSpan(40), info.Count, header + domain.Length);

        // Version: 10.0 build 20348, NTLM revision 15.
        message[48] = 10;
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(50), 20348);
        message[55] = 15;
        domain.CopyTo(message, header);
        info.CopyTo(message, header + domain.Length);
        return message;
    }

    private static void AddPair(List<byte> info, ushort id, byte[] value)
    {
        info.AddRange(BitConverter.GetBytes(id));
        info.AddRange(BitConverter.GetBytes((ushort)value.Length));
        info.AddRange(value);
    }

    private static void WriteField(Span<byte> field, int length, int offset)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(field[2..], (ushort)length);
        BinaryPrimitives.WriteInt32LittleEndian(field[4..], offset);
    }
}
