using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary>The body of <c>POST /v1/embeddings</c>. <c>input</c> is one of four shapes, so it stays JSON until validated.</summary>
public sealed record CreateEmbeddingRequest
{
    public JsonElement? Input { get; init; }
    public string? Model { get; init; }
    public string? EncodingFormat { get; init; }
    public int? Dimensions { get; init; }
    public string? User { get; init; }

    /// <summary>Anything else the client sent: OpenAI's schema allows no other property.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
