using System.Text.Json;
using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>One event of a streamed answer: a typed chunk, or an upstream's SSE <c>data</c> as received.</summary>
public sealed record ChatStreamEvent
{
    public ChatCompletionChunk? Chunk { get; init; }

    public string? Data { get; init; }

    /// <summary>A relayed event's <c>event:</c> field, when the source sent one other than the default.</summary>
    public string? EventType { get; init; }

    /// <summary>Set on a relayed stream's first event only: response headers for the client.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    public static ChatStreamEvent Typed(ChatCompletionChunk chunk) => new() { Chunk = chunk };

    public static ChatStreamEvent Relayed(string data) => new() { Data = data };

    /// <summary>Either form as JSON, for storage and translation.</summary>
    public JsonElement ToJson() => Data is not null
        ? JsonDocument.Parse(Data).RootElement
        : JsonSerializer.SerializeToElement(Chunk!, ChatApiJson.Options);
}
