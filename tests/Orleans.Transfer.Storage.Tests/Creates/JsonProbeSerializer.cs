using Orleans.Storage;

namespace Orleans.Transfer.Storage.Tests.Creates;

/// <summary>Plain System.Text.Json, enough for <see cref="ProbeJobState"/>.</summary>
internal sealed class JsonProbeSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);

    public T? Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>();
}
