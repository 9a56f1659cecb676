using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Backends.Tokens;

namespace ChatApi.Backends.Upstream;

/// <summary>
/// What ChatApi notes beside a relayed completion it stores, under <c>chatapi</c>, never inside the upstream's own
/// fields: the backend, the upstream's request id, and the usage ChatApi counted itself when the upstream sent none.
/// </summary>
public sealed class RelayNotes(TokenCounter tokens)
{
    public JsonObject? For(BackendRoute route, IReadOnlyList<KeyValuePair<string, string>>? headers, JsonElement response, ChatRequest request)
    {
        if (!route.Relays)
            return null;

        var notes = new JsonObject { ["backend"] = route.Name };
        if (headers is not null && RelayedHeaders.RequestIdOf(headers) is { } upstreamId)
            notes["upstream_request_id"] = upstreamId;
        if (!response.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            var prompt = request.Typed.Messages is { } messages ? tokens.CountPrompt(messages) : 0;
            var completion = CompletionTokens(response);
            notes["counted_usage"] = new JsonObject
            {
                ["prompt_tokens"] = prompt,
                ["completion_tokens"] = completion,
                ["total_tokens"] = prompt + completion,
            };
        }
        return notes;
    }

    int CompletionTokens(JsonElement response)
    {
        if (!response.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            return 0;
        var count = 0;
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind != JsonValueKind.Object || !choice.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var text in new[] { "content", "reasoning_content", "reasoning", "refusal" })
                count += CountString(message, text);
            if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
                        count += CountString(function, "name") + CountString(function, "arguments");
                }
            }
        }
        return count;
    }

    int CountString(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? tokens.Count(value.GetString()!) : 0;
}
