using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Orleans.Transfer.LocalApi.Endpoints;

/// <summary>Reads a request's JSON body, refusing a missing or malformed one with InvalidArgument that says what was expected.</summary>
internal static class RequestBody
{
    private const string Field = "body";

    /// <summary>The body as a <typeparamref name="T"/>; JSON <c>null</c> is refused.</summary>
    /// <param name="http">The request.</param>
    /// <param name="expected">What the body should hold, for the message, e.g. "a CreateJobRequest".</param>
    public static async Task<T> ReadAsync<T>(HttpContext http, string expected)
        where T : class =>
        await ReadOrNullAsync<T>(http, expected)
        ?? throw new TransferJobException(TransferErrorCode.InvalidArgument, $"The request body is null; send {expected} as JSON.", Field);

    /// <summary>The body as a <typeparamref name="T"/>, or null when the body is JSON <c>null</c>.</summary>
    /// <param name="http">The request.</param>
    /// <param name="expected">What the body should hold, for the message.</param>
    public static async Task<T?> ReadOrNullAsync<T>(HttpContext http, string expected)
        where T : class
    {
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            throw new TransferJobException(TransferErrorCode.InvalidArgument, $"The request has no body; send {expected} as JSON.", Field);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, TransferJson.Options, http.RequestAborted);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : Field;
            throw new TransferJobException(
                TransferErrorCode.InvalidArgument,
                $"The request body is not {expected} in JSON: {exception.Message}",
                field);
        }
    }

    /// <summary>Refuses a list with a null item, naming it (<c>files[2]</c>).</summary>
    public static void RejectNullItems<T>(IReadOnlyList<T>? items, string field)
        where T : class
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new TransferJobException(TransferErrorCode.InvalidArgument, $"{field}[{i}] is null; give every item or leave it out.", $"{field}[{i}]");
            }
        }
    }
}
