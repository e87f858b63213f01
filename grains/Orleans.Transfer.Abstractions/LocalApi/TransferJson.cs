using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Orleans.Transfer.LocalApi;

/// <summary>The one JSON form of the contract on the wire: web names (camelCase), enums as their names.</summary>
public static class TransferJson
{
    /// <summary>Options both ends of the local API use.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        // The contract's types from generated code; any other type (none should reach the wire) by reflection.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(TransferJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
