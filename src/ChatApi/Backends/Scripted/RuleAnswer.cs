using System.Text.Json.Nodes;

namespace ChatApi.Backends.Scripted;

/// <summary>
/// What a matched request gets. <see cref="Content"/>, <see cref="ToolCalls"/>, <see cref="Json"/> and <see cref="Error"/>
/// say what; with none of them the request's usual backend answers. <see cref="DelayMs"/> and
/// <see cref="CutAfterChunks"/> change how any answer arrives.
/// </summary>
public sealed record RuleAnswer
{
    public string? Content { get; init; }

    public IReadOnlyList<ScriptedToolCall>? ToolCalls { get; init; }

    /// <summary>A JSON value written, compact, as the message content (for <c>response_format</c> tests).</summary>
    public JsonNode? Json { get; init; }

    public ScriptedError? Error { get; init; }

    /// <summary>Overrides the finish reason (<c>stop</c>, or <c>tool_calls</c> when there are tool calls).</summary>
    public string? FinishReason { get; init; }

    /// <summary>Milliseconds to wait before answering; a cancelled request stops waiting.</summary>
    public int? DelayMs { get; init; }

    /// <summary>
    /// Drops the connection: a stream after this many chunks, without <c>data: [DONE]</c>;
    /// a non-streamed request before any response.
    /// </summary>
    public int? CutAfterChunks { get; init; }
}
