using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary><c>CreateChatCompletionStreamResponse</c>: one SSE event of a stream.</summary>
public sealed record ChatCompletionChunk
{
    public required string Id { get; init; }
    public string Object { get; init; } = "chat.completion.chunk";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public string? ServiceTier { get; init; } = "default";
    public string? SystemFingerprint { get; init; }
    public required IReadOnlyList<ChatCompletionChunkChoice> Choices { get; init; }
    public CompletionUsage? Usage { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Obfuscation { get; init; }
}
