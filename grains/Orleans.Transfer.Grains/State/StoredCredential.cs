using System.Text.Json.Serialization;
using Orleans.Transfer.Http;

namespace Orleans.Transfer.Grains.State;

/// <summary>One credential of a job, its password encrypted (<c>SecretPurposes.HttpCredential</c>).</summary>
public sealed class StoredCredential
{
    [JsonPropertyName("Target")]
    public AuthTarget Target { get; set; }

    [JsonPropertyName("Scheme")]
    public AuthScheme Scheme { get; set; }

    [JsonPropertyName("UserName")]
    public string UserName { get; set; } = "";

    /// <summary>The password's ciphertext; the plain text is recovered only to build a run's request.</summary>
    [JsonPropertyName("ProtectedPassword")]
    public string ProtectedPassword { get; set; } = "";
}
