using System.Text.Json;
using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>A backend's answer to a non-streamed request: a typed completion it built, or JSON it relayed as received.</summary>
public sealed record ChatReply
{
    public ChatCompletion? Completion { get; init; }

    public RelayedJson? Relayed { get; init; }

    /// <summary>Response headers for the client (an upstream's rate-limit headers, its request id…).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static ChatReply Typed(ChatCompletion completion) => new() { Completion = completion };

    /// <summary>Either form as JSON, for storage and translation.</summary>
    public JsonElement ToJson() => Relayed?.Json ?? JsonSerializer.SerializeToElement(Completion!, ChatApiJson.Options);
}
