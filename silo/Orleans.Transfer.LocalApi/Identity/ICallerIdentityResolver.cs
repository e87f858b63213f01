using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.LocalApi.Identity;

/// <summary>Establishes who calls the local API, from what the request's connection says about its peer.</summary>
public interface ICallerIdentityResolver
{
    /// <summary>The caller of <paramref name="context"/>'s request.</summary>
    /// <exception cref="TransferJobException">
    /// NotAuthenticated when the connection says nothing about its peer; AccessDenied when this service serves no such caller.
    /// </exception>
    CallerInfo Resolve(HttpContext context);
}
