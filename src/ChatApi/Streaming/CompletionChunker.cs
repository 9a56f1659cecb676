using ChatApi.Backends.Tokens;
using ChatApi.Contracts;

namespace ChatApi.Streaming;

/// <summary>
/// Turns a finished completion into the chunks OpenAI would have streamed for it: per choice a role chunk, one chunk per token
/// (of content, or of each tool call's or the legacy function call's arguments after a chunk naming the call), a last chunk with <c>finish_reason</c>;
/// then always the usage chunk, which <see cref="CompletionStreamer"/> sends only when <c>include_usage</c> asked for it.
/// </summary>
public static class CompletionChunker
{
    /// <param name="contentTokens">Each choice's content already split into tokens, in choice order; split here when not given.</param>
    public static IEnumerable<ChatCompletionChunk> Split(
        ChatCompletion completion, CreateChatCompletionRequest request, TokenCounter tokens, IReadOnlyList<IReadOnlyList<string>>? contentTokens = null) =>
        Stream(completion, request, tokens, completion.Choices.Select((choice, position) => new StreamedChoice
        {
            Index = choice.Index,
            ToolCalls = choice.Message.ToolCalls,
            FunctionCall = choice.Message.FunctionCall,
            Content = contentTokens?[position] ?? choice.Logprobs?.Content?.Select(l => l.Token).ToList() ?? tokens.Split(choice.Message.Content ?? ""),
            Logprobs = choice.Logprobs?.Content,
            FinishReason = choice.FinishReason,
            Tokens = 0,
        }), () => completion.Usage);

    /// <summary>
    /// The chunks of choices that may be generated as they are streamed: <paramref name="head"/> gives the id, model and
    /// fingerprint, each choice is read only when its turn comes, and <paramref name="usage"/> is asked for after the last.
    /// </summary>
    public static IEnumerable<ChatCompletionChunk> Stream(
        ChatCompletion head, CreateChatCompletionRequest request, TokenCounter tokens, IEnumerable<StreamedChoice> choices, Func<CompletionUsage?> usage)
    {
        var obfuscate = request.StreamOptions?.IncludeObfuscation != false;

        ChatCompletionChunk Chunk(IReadOnlyList<ChatCompletionChunkChoice> deltas, int paddedLength, CompletionUsage? totals = null) => new()
        {
            Id = head.Id,
            Created = head.Created,
            Model = head.Model,
            ServiceTier = head.ServiceTier,
            SystemFingerprint = head.SystemFingerprint,
            Choices = deltas,
            Usage = totals,
            Obfuscation = obfuscate ? ObfuscationPadding.For(paddedLength) : null,
        };

        foreach (var choice in choices)
        {
            if (choice.ToolCalls is { Count: > 0 } calls)
            {
                for (var i = 0; i < calls.Count; i++)
                {
                    var call = calls[i];
                    var opening = new ChatCompletionMessageToolCallChunk
                    {
                        Index = i,
                        Id = call.Id,
                        Type = call.Type,
                        Function = new FunctionCallChunk { Name = call.Function.Name, Arguments = "" },
                    };
                    yield return Chunk([Delta(choice.Index, new() { Role = i == 0 ? MessageRoles.Assistant : null, ToolCalls = [opening] })], call.Function.Name.Length);
                    foreach (var piece in tokens.Split(call.Function.Arguments))
                    {
                        var fragment = new ChatCompletionMessageToolCallChunk { Index = i, Function = new FunctionCallChunk { Arguments = piece } };
                        yield return Chunk([Delta(choice.Index, new() { ToolCalls = [fragment] })], piece.Length);
                    }
                }
            }
            else if (choice.FunctionCall is { } function)
            {
                // As OpenAI streamed the legacy call: the name with empty arguments first, then the arguments in fragments.
                var opening = new FunctionCallChunk { Name = function.Name, Arguments = "" };
                yield return Chunk([Delta(choice.Index, new() { Role = MessageRoles.Assistant, FunctionCall = opening })], function.Name.Length);
                foreach (var piece in tokens.Split(function.Arguments))
                    yield return Chunk([Delta(choice.Index, new() { FunctionCall = new FunctionCallChunk { Arguments = piece } })], piece.Length);
            }
            else
            {
                yield return Chunk([Delta(choice.Index, new() { Role = MessageRoles.Assistant, Content = "" })], 0);
                using var logprobs = choice.Logprobs?.GetEnumerator();
                foreach (var piece in choice.Content)
                {
                    var delta = Delta(choice.Index, new() { Content = piece }) with
                    {
                        Logprobs = logprobs is not null && logprobs.MoveNext() ? new ChoiceLogprobs { Content = [logprobs.Current] } : null,
                    };
                    yield return Chunk([delta], piece.Length);
                }
            }
            yield return Chunk([Delta(choice.Index, new(), choice.FinishReason)], 0);
        }

        yield return Chunk([], 0, usage());
    }

    /// <summary>Whether the chunk brings a generated token, which a paced stream spaces out.</summary>
    public static bool CarriesToken(ChatCompletionChunk chunk) =>
        chunk.Choices is [{ Delta: var delta }]
        && (delta.Content is { Length: > 0 } || delta.ToolCalls is [{ Function.Arguments: { Length: > 0 } }]
            || delta.FunctionCall is { Arguments.Length: > 0 });

    /// <summary>The chunk that closes a stream with the totals (<c>choices: []</c>).</summary>
    public static bool IsUsageChunk(ChatCompletionChunk chunk) => chunk.Choices.Count == 0 && chunk.Usage is not null;

    static ChatCompletionChunkChoice Delta(int index, ChatCompletionStreamResponseDelta delta, string? finishReason = null) =>
        new() { Index = index, Delta = delta, FinishReason = finishReason };
}
