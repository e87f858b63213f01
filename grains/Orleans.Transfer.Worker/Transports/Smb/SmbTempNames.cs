using System.Globalization;

namespace Orleans.Transfer.Worker;

/// <summary>Names of the temporary files an upload writes on a share before it renames them into place.</summary>
internal static class SmbTempNames
{
    /// <summary>
    /// The temporary file for <paramref name="destination"/>: <c>.&lt;name&gt;.xfer-&lt;jobId:N&gt;-&lt;fileIndex&gt;.tmp</c>
    /// in the same directory, so the final rename stays on the share; a dot name, which Samba hides by default; named
    /// after the job and file so every run of the upload (after a crash too) finds the same file, and jobs never collide.
    /// </summary>
    public static SmbLocation For(SmbLocation destination, Guid jobId, int fileIndex)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.Sibling(string.Create(CultureInfo.InvariantCulture, $".{destination.Name}.xfer-{jobId:N}-{fileIndex}.tmp"));
    }
}
