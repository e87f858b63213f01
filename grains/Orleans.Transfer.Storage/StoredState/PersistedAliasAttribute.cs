namespace Orleans.Transfer.Storage.StoredState;

/// <summary>
/// A name a persisted property was stored under before it was renamed: rows written with the old name still fill the
/// property (it is never written under the old name). See docs/reliability.md, "Persisted state".
/// </summary>
/// <param name="name">The old wire name, exactly as it was stored.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public sealed class PersistedAliasAttribute(string name) : Attribute
{
    /// <summary>The old wire name.</summary>
    public string Name { get; } = name;
}
