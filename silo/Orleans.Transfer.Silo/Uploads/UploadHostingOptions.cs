namespace Orleans.Transfer.Silo.Uploads;

/// <summary>The silo's own settings for hosting the BITS upload server, beside <c>BitsUploadServerOptions</c> in <c>Transfer:Uploads</c>.</summary>
public sealed class UploadHostingOptions
{
    /// <summary>
    /// Lets Anonymous virtual directories be served on a non-loopback <c>ListenAddress</c> (over https, which any
    /// non-loopback address needs anyway): anyone who reaches the port can then fill the directories' disks up to
    /// their limits. Default false: on the network, uploads need Basic authentication.
    /// </summary>
    public bool AllowAnonymousOnNetwork { get; set; }
}
