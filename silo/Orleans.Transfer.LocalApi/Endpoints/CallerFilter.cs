using Microsoft.AspNetCore.Http;
using Orleans.Transfer.LocalApi.Identity;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>Establishes the caller before any endpoint runs; a caller who cannot be established gets no further.</summary>
internal sealed class CallerFilter(ICallerIdentityResolver resolver) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.HttpContext.SetCaller(resolver.Resolve(context.HttpContext));
        return next(context);
    }
}
