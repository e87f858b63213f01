using Microsoft.AspNetCore.Http;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>Every answer in the contract's one JSON form (<see cref="TransferJson.Options"/>).</summary>
internal static class ApiResults
{
    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, TransferJson.Options, statusCode: statusCode);

    public static IResult Error(ApiError error) => Error(error, ApiErrors.StatusCodeFor(error.Code));

    public static IResult Error(ApiError error, int statusCode) => Json(error, statusCode);
}
