using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Serialization;
using Orleans.Transfer.Grains.State;
using Orleans.Transfer.Grains.Uploads;
using Orleans.Transfer.Storage.StoredState;

namespace Orleans.Transfer.Tests.State;

/// <summary>
/// The wire names of the stored grain states (a job's, an upload session's and the session index's), pinned in persisted-names.txt: every name that was ever stored must still be
/// read (as a property's name or a [PersistedAlias]), so a rename never silently drops a member of old rows.
/// </summary>
public sealed class PersistedNamesTests
{
    private static readonly Type[] s_ownStateTypes = [typeof(TransferJobState), typeof(JobFileState), typeof(PendingNotification), typeof(JobHttpState), typeof(StoredCredential),
        typeof(UploadSessionState), typeof(UploadSessionIndexState), typeof(JobReplyState)];

    [Fact]
    public void EveryNameEverStored_IsStillRead_AndEveryNameStoredNow_IsListed()
    {
        var baseline = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "State", "persisted-names.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        var (written, read) = WireNames();

        var lost = baseline.Where(n => !read.Contains(n)).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            lost.Count == 0,
            "These stored names are no longer read, so old rows would silently lose them; pin the old name with "
            + $"[JsonPropertyName] or add [PersistedAlias] with it: {string.Join(", ", lost)}");

        var unlisted = written.Where(n => !baseline.Contains(n)).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            unlisted.Count == 0,
            $"New stored names; add them to tests/Orleans.Transfer.Tests/State/persisted-names.txt:\n{string.Join('\n', unlisted)}");
    }

    [Fact]
    public void OurStateTypes_PinEveryWireName()
    {
        var unpinned = s_ownStateTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonPropertyNameAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.True(unpinned.Count == 0, $"Give these a [JsonPropertyName] with their current name: {string.Join(", ", unpinned)}");
    }

    /// <summary>Type.name for each name written, and the names read (written ones plus aliases).</summary>
    private static (HashSet<string> Written, HashSet<string> Read) WireNames()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions().JsonSerializerOptions;
        options.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        var written = new HashSet<string>(StringComparer.Ordinal);
        var read = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([typeof(TransferJobState), typeof(UploadSessionState), typeof(UploadSessionIndexState)]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var property in options.GetTypeInfo(type).Properties.Where(p => !IsIgnored(p)))
            {
                written.Add($"{type.Name}.{property.Name}");
                read.Add($"{type.Name}.{property.Name}");
                read.UnionWith(PersistedAliases.Of(property).Select(alias => $"{type.Name}.{alias}"));
                foreach (var nested in Persisted(property.PropertyType))
                {
                    pending.Enqueue(nested);
                }
            }
        }

        return (written, read);
    }

    private static bool IsIgnored(JsonPropertyInfo property) =>
        property.AttributeProvider is MemberInfo member && member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always };

    // Our own types, directly, nullable, or as list elements; framework types (strings, times) have no members of ours.
    private static IEnumerable<Type> Persisted(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType)
        {
            return type.GetGenericArguments().SelectMany(Persisted);
        }

        return type.Namespace?.StartsWith("Orleans.Transfer", StringComparison.Ordinal) == true && !type.IsEnum ? [type] : [];
    }
}
