using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Transfer.Uploads.Protocol;
using Orleans.Transfer.Uploads.Replies;

namespace Orleans.Transfer.Uploads;

/// <summary>Maps BITS upload virtual directories onto an ASP.NET Core app.</summary>
public static class BitsUploadEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the BITS upload protocol (BITS_POST) and its reply URLs (GET) under <paramref name="directory"/>'s path;
    /// the returned builder takes the app's own conventions (<c>RequireAuthorization</c>, <c>RequireHost</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapBitsUploads(this IEndpointRouteBuilder endpoints, BitsVirtualDirectoryOptions directory)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(directory);
        var mapped = endpoints.ServiceProvider.GetRequiredService<BitsUploadDirectories>().Add(directory);
        var group = endpoints.MapGroup(mapped.Path);
        group.MapMethods("/{**file}", [BitsHeaders.Method], context =>
        {
            // Kestrel's default body limit (30 MB) is below the default fragment limit; the directory's limit applies,
            // plus what a refused body may be drained by (the 413 itself is decided from Content-Length).
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = mapped.Options.MaxFragmentBytes + BitsPacketDispatcher.DrainBytes;
            }

            return context.RequestServices.GetRequiredService<BitsPacketDispatcher>().HandleAsync(context, mapped);
        });
        group.MapMethods($"/{ReplyUrls.Segment}/{{session}}/{{token}}", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext context, string session, string token) =>
                context.RequestServices.GetRequiredService<ReplyEndpoint>().HandleAsync(context, mapped, session, token));
        return group;
    }

    /// <summary>Serves a virtual directory at <paramref name="path"/> configured by <paramref name="configure"/>.</summary>
    public static IEndpointConventionBuilder MapBitsUploads(
        this IEndpointRouteBuilder endpoints, string path, Action<BitsVirtualDirectoryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var directory = new BitsVirtualDirectoryOptions { Path = path };
        configure(directory);
        directory.Path = path;
        return endpoints.MapBitsUploads(directory);
    }

    /// <summary>Serves every directory of the configured <see cref="BitsUploadServerOptions.Directories"/>.</summary>
    public static IEndpointConventionBuilder MapBitsUploads(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("");
        foreach (var directory in endpoints.ServiceProvider.GetRequiredService<IOptions<BitsUploadServerOptions>>().Value.Directories)
        {
            group.MapBitsUploads(directory);
        }

        return group;
    }
}
