using System.Globalization;
using System.Text.Json;
using Orleans.Transfer.LocalApi;

namespace Orleans.Transfer.Client.Http;

/// <summary>Turns a failed local API answer back into the <see cref="TransferJobException"/> the service raised.</summary>
internal static class ApiErrors
{
    // Enough of a foreign error page to recognise it, not so much that it floods a terminal.
    private const int MaxQuotedBody = 200;

    /// <summary>The service's error from an <see cref="ApiError"/> body; any other body is Internal, with the status.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The answer's body as text.</param>
    public static TransferJobException FromAnswer(int status, string body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body, TransferJsonMetadata.For<ApiError>()) is { Code: not TransferErrorCode.None, Message: { Length: > 0 } message } error)
            {
                return new TransferJobException(error.Code, message, error.Field);
            }
        }
        catch (JsonException)
        {
            // Not the service's error body (an older service, or a crash page): described below.
        }

        var text = body.Trim();
        var quoted = text.Length == 0 ? "no body" : $"'{(text.Length > MaxQuotedBody ? text[..MaxQuotedBody] + "..." : text)}'";
        return new TransferJobException(
            TransferErrorCode.Internal,
            string.Create(CultureInfo.InvariantCulture, $"The transfer service answered HTTP {status} without an error description ({quoted})."));
    }
}
