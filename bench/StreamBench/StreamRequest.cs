using System.Text.Json.Nodes;

namespace StreamBench;

/// <summary>The streamed request both modes post: a reply of at least <c>tokens</c> tokens from the built-in backend.</summary>
internal static class StreamRequest
{
    public const string DefaultModel = "gpt-4o";

    public static JsonObject Body(string model, int tokens) => new()
    {
        ["model"] = model,
        ["stream"] = true,
        ["max_completion_tokens"] = tokens,
        ["stream_options"] = new JsonObject { ["include_usage"] = true },
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Write {tokens} tokens about harbors." }),
    };

    /// <summary>The same reply asked of the Responses API.</summary>
    public static JsonObject ResponsesBody(string model, int tokens) => new()
    {
        ["model"] = model,
        ["stream"] = true,
        ["store"] = false,
        ["max_output_tokens"] = tokens,
        ["input"] = $"Write {tokens} tokens about harbors.",
    };
}
