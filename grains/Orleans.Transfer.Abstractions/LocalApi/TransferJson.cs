using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Transfer.LocalApi;

/// <summary>The one JSON form of the contract on the wire: web names (camelCase), enums as their names.</summary>
public static class TransferJson
{
    /// <summary>Options both ends of the local API use.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
