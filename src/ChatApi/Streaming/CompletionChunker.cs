using ChatApi.Backends.Tokens;
using ChatApi.Contracts;

namespace ChatApi.Streaming;

/// <summary>Turns a finished completion into the chunks OpenAI would have streamed for it.</summary>
public static class CompletionChunker
{
    public static IEnumerable<ChatCompletionChunk> Split(ChatCompletion completion, CreateChatCompletionRequest request, TokenCounter tokens)
    {
        var includeUsage = request.StreamOptions?.IncludeUsage == true;

        ChatCompletionChunk Chunk(IReadOnlyList<ChatCompletionChunkChoice> choices, CompletionUsage? usage = null) => new()
        {
            Id = completion.Id,
            Created = completion.Created,
            Model = completion.Model,
            ServiceTier = completion.ServiceTier,
            SystemFingerprint = completion.SystemFingerprint,
            Choices = choices,
            Usage = usage,
        };

        foreach (var choice in completion.Choices)
        {
            yield return Chunk([Delta(choice.Index, new() { Role = MessageRoles.Assistant, Content = "" })]);
            foreach (var piece in tokens.Split(choice.Message.Content ?? ""))
                yield return Chunk([Delta(choice.Index, new() { Content = piece })]);
            yield return Chunk([Delta(choice.Index, new(), choice.FinishReason)]);
        }

        if (includeUsage)
            yield return Chunk([], completion.Usage);
    }

    static ChatCompletionChunkChoice Delta(int index, ChatCompletionStreamResponseDelta delta, string? finishReason = null) =>
        new() { Index = index, Delta = delta, FinishReason = finishReason };
}
