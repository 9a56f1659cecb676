using System.Runtime.CompilerServices;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;
using ChatApi.Streaming;
using Microsoft.Extensions.Options;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// The embedded default: answers any model with readable text, tool calls or schema-valid JSON that depend only on the request,
/// so the same messages, model, seed and choice index always give the same reply. Paced by <see cref="DeterministicOptions"/>.
/// </summary>
public sealed class DeterministicBackend(TokenCounter tokens, TimeProvider time, IOptions<DeterministicOptions> options) : IChatBackend
{
    /// <summary>Identifies this backend's generator; it changes when its output would.</summary>
    public const string Fingerprint = "fp_chatapi_det_v2";

    readonly ReplyComposer _composer = new(tokens);

    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken ct)
    {
        var pacer = new StreamPacer(options.Value, time);
        var (completion, _) = Generate(request.Typed);
        await pacer.WaitForWholeAsync(completion.Usage!.CompletionTokens, ct);
        return ChatReply.Typed(completion);
    }

    public async IAsyncEnumerable<ChatStreamEvent> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var pacer = new StreamPacer(options.Value, time);
        var (completion, contentTokens) = Generate(request.Typed);
        foreach (var chunk in CompletionChunker.Split(completion, request.Typed, tokens, contentTokens))
        {
            await pacer.WaitAsync(CompletionChunker.CarriesToken(chunk), ct);
            yield return ChatStreamEvent.Typed(chunk);
        }
    }

    /// <summary>The completion, and each choice's content split into tokens.</summary>
    (ChatCompletion, IReadOnlyList<IReadOnlyList<string>>) Generate(CreateChatCompletionRequest request)
    {
        var composed = Enumerable.Range(0, request.ChoiceCount).Select(index => _composer.Compose(request, index)).ToList();
        var completion = new ChatCompletion
        {
            Id = CompletionIds.NewCompletionId(),
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            Model = request.Model!,
            Choices = [.. composed.Select(c => c.Choice)],
            Usage = new CompletionUsage { PromptTokens = tokens.CountPrompt(request.Messages!), CompletionTokens = composed.Sum(c => c.Tokens) },
            SystemFingerprint = Fingerprint,
        };
        return (completion, [.. composed.Select(c => c.ContentTokens)]);
    }
}
