using ChatApi.Contracts;

namespace ChatApi.Streaming;

/// <summary>
/// One choice as <see cref="CompletionChunker"/> streams it: tool calls, or content tokens (with their logprobs) that may be
/// made only as the stream asks for them, so a long reply is never held whole.
/// </summary>
public sealed record StreamedChoice
{
    public required int Index { get; init; }
    public IReadOnlyList<ChatCompletionMessageToolCall>? ToolCalls { get; init; }

    /// <summary>A legacy <c>function_call</c> answer, streamed as <c>delta.function_call</c> fragments.</summary>
    public FunctionCall? FunctionCall { get; init; }
    public IEnumerable<string> Content { get; init; } = [];

    /// <summary>The logprob of each content token, in step with <see cref="Content"/>; null when not asked for.</summary>
    public IEnumerable<ChatCompletionTokenLogprob>? Logprobs { get; init; }

    public required string? FinishReason { get; init; }

    /// <summary>The completion tokens this choice counts in <c>usage</c>.</summary>
    public required int Tokens { get; init; }
}
