namespace Orleans.Transfer.Uploads.Protocol;

/// <summary>The BITS upload protocol's header names, spelled as on the wire (docs/uploads.md, digest §3).</summary>
internal static class BitsHeaders
{
    public const string PacketType = "BITS-Packet-Type";
    public const string SupportedProtocols = "BITS-Supported-Protocols";
    public const string Protocol = "BITS-Protocol";
    public const string SessionId = "BITS-Session-Id";
    public const string HostId = "BITS-Host-Id";
    public const string HostIdFallbackTimeout = "BITS-Host-Id-Fallback-Timeout";
    public const string ReceivedContentRange = "BITS-Received-Content-Range";
    public const string ReplyUrl = "BITS-Reply-URL";
    public const string ErrorCode = "BITS-Error-Code";
    public const string Error = "BITS-Error";
    public const string ErrorContext = "BITS-Error-Context";
    public const string OriginalRequestUrl = "BITS-Original-Request-URL";
    public const string RequestDataFileName = "BITS-Request-DataFile-Name";
    public const string ResponseDataFileName = "BITS-Response-DataFile-Name";
    public const string StaticResponseUrl = "BITS-Static-Response-URL";
    public const string CopyFileToDestination = "BITS-Copy-File-To-Destination";

    /// <summary>The method every packet uses.</summary>
    public const string Method = "BITS_POST";

    /// <summary>The only protocol: BITS 1.5 Upload.</summary>
    public const string UploadProtocolId = "{7df0354d-249b-430f-820d-3d2a9bef4931}";

    /// <summary>Windows' limit on a header value; larger ones are refused with 400.</summary>
    public const int MaxHeaderValueLength = 4096;
}
