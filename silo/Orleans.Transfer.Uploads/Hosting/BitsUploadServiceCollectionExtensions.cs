using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Transfer.Uploads;

/// <summary>Registers the BITS upload server.</summary>
public static class BitsUploadServiceCollectionExtensions
{
    /// <summary>
    /// Adds the upload server's services: its options (validated at start), the owner-rights file access, the
    /// notification client and the sweeper of timed-out sessions. Register an <see cref="Sessions.IUploadSessionStore"/>
    /// too, then map directories with <c>MapBitsUploads</c>.
    /// </summary>
    public static IServiceCollection AddBitsUploads(this IServiceCollection services, Action<BitsUploadServerOptions>? configure = null) =>
        throw new NotImplementedException();
}
