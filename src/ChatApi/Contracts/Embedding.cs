using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

public sealed record Embedding
{
    public string Object { get; init; } = "embedding";
    public required int Index { get; init; }

    /// <summary>The vector: an array of floats, or with <c>encoding_format: "base64"</c> their little-endian float32 bytes in base64.</summary>
    [JsonPropertyName("embedding")]
    [JsonConverter(typeof(EmbeddingVectorConverter))]
    public required EmbeddingVector Vector { get; init; }
}
