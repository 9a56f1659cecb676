using System.Runtime.CompilerServices;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;
using ChatApi.Streaming;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// The embedded default: answers any model with readable text that depends only on the request,
/// so the same messages, model, seed and choice index always give the same reply.
/// </summary>
public sealed class DeterministicBackend(TokenCounter tokens, TimeProvider time) : IChatBackend
{
    /// <summary>Identifies this backend's generator; it changes when its output would.</summary>
    public const string Fingerprint = "fp_chatapi_det_v1";

    public Task<ChatCompletion> CompleteAsync(CreateChatCompletionRequest request, CancellationToken ct)
    {
        var messages = request.Messages!;
        var choices = new List<ChatCompletionChoice>(request.ChoiceCount);
        var completionTokens = 0;
        for (var index = 0; index < request.ChoiceCount; index++)
        {
            var (text, finishReason) = Generate(request, index);
            completionTokens += tokens.Count(text);
            choices.Add(new ChatCompletionChoice
            {
                Index = index,
                Message = new ChatCompletionResponseMessage { Content = text },
                FinishReason = finishReason,
            });
        }

        return Task.FromResult(new ChatCompletion
        {
            Id = CompletionIds.NewCompletionId(),
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            Model = request.Model!,
            Choices = choices,
            Usage = new CompletionUsage { PromptTokens = tokens.CountPrompt(messages), CompletionTokens = completionTokens },
            SystemFingerprint = Fingerprint,
        });
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(CreateChatCompletionRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var completion = await CompleteAsync(request, ct);
        foreach (var chunk in CompletionChunker.Split(completion, request, tokens))
        {
            ct.ThrowIfCancellationRequested();
            yield return chunk;
        }
    }

    (string Text, string FinishReason) Generate(CreateChatCompletionRequest request, int index)
    {
        var text = ReplyText.Compose(GenerationSeed.For(request, index), ReplyText.TopicOf(request.Messages!));

        var finishReason = FinishReasons.Stop;
        if (request.Stop?.Sequences is { } stops && FirstStop(text, stops) is var cut and >= 0)
            text = text[..cut];

        if (request.CompletionTokenLimit is { } limit && tokens.Count(text) > limit)
        {
            text = tokens.Truncate(text, limit);
            finishReason = FinishReasons.Length;
        }
        return (text, finishReason);
    }

    static int FirstStop(string text, IReadOnlyList<string> stops) =>
        stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
}
