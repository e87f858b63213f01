using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Orleans.Transfer.Uploads;

/// <summary>Maps BITS upload virtual directories onto an ASP.NET Core app.</summary>
public static class BitsUploadEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the BITS upload protocol (BITS_POST) and its reply URLs (GET) under <paramref name="directory"/>'s path;
    /// the returned builder takes the app's own conventions (<c>RequireAuthorization</c>, <c>RequireHost</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapBitsUploads(this IEndpointRouteBuilder endpoints, BitsVirtualDirectoryOptions directory) =>
        throw new NotImplementedException();

    /// <summary>Serves a virtual directory at <paramref name="path"/> configured by <paramref name="configure"/>.</summary>
    public static IEndpointConventionBuilder MapBitsUploads(
        this IEndpointRouteBuilder endpoints, string path, Action<BitsVirtualDirectoryOptions> configure) =>
        throw new NotImplementedException();
}
