namespace Orleans.Transfer.Grains.Kinds.Upload;

/// <summary>The reply file an UploadReply job uses when its caller named none.</summary>
internal static class ReplyFileNames
{
    /// <summary>
    /// <c>&lt;dir&gt;/.&lt;name&gt;.xfer-&lt;jobId:N&gt;.reply</c> beside the uploaded file <paramref name="localPath"/>:
    /// hidden on Unix, named by the job so jobs never collide, like the service's temporary files.
    /// </summary>
    public static string For(string localPath, Guid jobId) =>
        Path.Combine(Path.GetDirectoryName(localPath) ?? "", $".{Path.GetFileName(localPath)}.xfer-{jobId:N}.reply");
}
