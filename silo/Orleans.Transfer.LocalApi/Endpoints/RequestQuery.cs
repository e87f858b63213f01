using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>Reads query parameters, refusing a malformed one with InvalidArgument naming it.</summary>
internal static class RequestQuery
{
    public static int Int32(HttpContext http, string name, int defaultValue)
    {
        var value = http.Request.Query[name];
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            return defaultValue;
        }

        return value.Count == 1 && int.TryParse(value[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{name} is '{value}'; give one whole number.", name);
    }

    public static long Int64(HttpContext http, string name, long defaultValue)
    {
        var value = http.Request.Query[name];
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            return defaultValue;
        }

        return value.Count == 1 && long.TryParse(value[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{name} is '{value}'; give one whole number.", name);
    }
}
