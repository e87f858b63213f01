using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orleans.Transfer.Storage.StoredState;

/// <summary>Teaches System.Text.Json to read <see cref="PersistedAliasAttribute"/> names, which it has no notion of.</summary>
public static class PersistedAliases
{
    /// <summary>Adds the alias reader to <paramref name="options"/>, before they are first used.</summary>
    /// <param name="options">The grain storage serializer's options.</param>
    public static void AddTo(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(AddAliases);
    }

    /// <summary>The aliases of <paramref name="property"/>, if any.</summary>
    /// <param name="property">A property of a persisted type.</param>
    public static IEnumerable<string> Of(JsonPropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.AttributeProvider is MemberInfo member
            ? member.GetCustomAttributes<PersistedAliasAttribute>(inherit: false).Select(a => a.Name)
            : [];
    }

    // Each alias becomes a write-never property that sets the same member; a clash with a current name is an error
    // System.Text.Json reports when the type is first used.
    private static void AddAliases(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties.ToList())
        {
            foreach (var alias in Of(property))
            {
                var old = type.CreateJsonPropertyInfo(property.PropertyType, alias);
                old.Set = property.Set;
                old.ShouldSerialize = static (_, _) => false;
                type.Properties.Add(old);
            }
        }
    }
}
