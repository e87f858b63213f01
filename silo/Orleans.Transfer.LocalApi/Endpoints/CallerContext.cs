using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>The caller <see cref="CallerFilter"/> established, kept with the request.</summary>
internal static class CallerContext
{
    private static readonly object s_key = new();

    public static void SetCaller(this HttpContext http, CallerInfo caller) => http.Items[s_key] = caller;

    public static CallerInfo Caller(this HttpContext http) =>
        http.Items[s_key] as CallerInfo
        ?? throw new InvalidOperationException("The local API endpoint ran without its caller filter.");
}
