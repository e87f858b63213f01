namespace Orleans.Transfer.Worker;

/// <summary>The BITS upload protocol's method, packet names (Windows spellings), headers and HRESULTs.</summary>
internal static class BitsHeaders
{
    public const string Method = "BITS_POST";
    public const string PacketType = "BITS-Packet-Type";
    public const string SupportedProtocols = "BITS-Supported-Protocols";
    public const string SessionId = "BITS-Session-Id";
    public const string HostId = "BITS-Host-Id";
    public const string HostIdFallbackTimeout = "BITS-Host-Id-Fallback-Timeout";
    public const string ReceivedContentRange = "BITS-Received-Content-Range";
    public const string ReplyUrl = "BITS-Reply-URL";
    public const string ErrorCode = "BITS-Error-Code";
    public const string Error = "BITS-Error";
    public const string ErrorContext = "BITS-Error-Context";
    public const string ContentName = "Content-Name";

    /// <summary>The only protocol: BITS 1.5 Upload.</summary>
    public const string Protocol15 = "{7df0354d-249b-430f-820d-3d2a9bef4931}";

    public const string Ping = "Ping";
    public const string CreateSession = "Create-Session";
    public const string Fragment = "Fragment";
    public const string CloseSession = "Close-Session";
    public const string CancelSession = "Cancel-Session";

    public const uint SessionNotFound = 0x8020001F;
    public const uint TooLarge = 0x80200020;

    /// <summary>BITS-Error-Context of an error returned by the server application (upload-reply).</summary>
    public const uint ContextRemoteApplication = 0x7;
}
