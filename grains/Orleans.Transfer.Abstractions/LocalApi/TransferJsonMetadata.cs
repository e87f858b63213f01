using System.Text.Json.Serialization.Metadata;

namespace Orleans.Transfer.LocalApi;

/// <summary>
/// The local API's bodies and answers as generated serializers only, in the same JSON form as
/// <see cref="TransferJson.Options"/> but without its reflection fallback: what a natively compiled client (the Linux
/// <c>xfer</c>) can use, as it cannot build serializers at run time.
/// </summary>
public static class TransferJsonMetadata
{
    /// <summary>The generated serializer of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">One of the local API's bodies or answers.</typeparam>
    /// <returns>The type's metadata from the generated context.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the local API's types.</exception>
    public static JsonTypeInfo<T> For<T>() =>
        TransferJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new NotSupportedException($"{typeof(T)} is not one of the local API's JSON types: add it to TransferJsonContext.");
}
