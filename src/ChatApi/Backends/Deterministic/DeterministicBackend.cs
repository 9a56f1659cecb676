using System.Runtime.CompilerServices;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;
using ChatApi.Limits;
using ChatApi.Streaming;
using Microsoft.Extensions.Options;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// The embedded default: answers any model with readable text, tool calls or schema-valid JSON that depend only on the request,
/// so the same messages, model, seed and choice index always give the same reply. Paced by <see cref="DeterministicOptions"/>.
/// </summary>
public sealed class DeterministicBackend(TokenCounter tokens, TimeProvider time, IOptions<DeterministicOptions> options, IOptions<LimitsOptions> limits) : IChatBackend
{
    /// <summary>Identifies this backend's generator; it changes when its output would.</summary>
    public const string Fingerprint = "fp_chatapi_det_v2";

    readonly ReplyComposer _composer = new(tokens, limits.Value);

    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken ct)
    {
        var pacer = new StreamPacer(options.Value, time);
        var (completion, _) = Generate(request.Typed, ct);
        await pacer.WaitForWholeAsync(completion.Usage!.CompletionTokens, ct);
        return ChatReply.Typed(completion);
    }

    public async IAsyncEnumerable<ChatStreamEvent> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        // Token by token: each choice is composed when the stream reaches it, and a plain reply's tokens are made as they are sent.
        var pacer = new StreamPacer(options.Value, time);
        var typed = request.Typed;
        var promptTokens = tokens.CountPrompt(typed.Messages!);
        var head = new ChatCompletion
        {
            Id = CompletionIds.NewCompletionId(),
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            Model = typed.Model!,
            Choices = [],
            SystemFingerprint = Fingerprint,
        };
        var completionTokens = 0;
        var choices = Enumerable.Range(0, typed.ChoiceCount).Select(index =>
        {
            var choice = _composer.ComposeStreamed(typed, index);
            completionTokens += choice.Tokens;
            return choice;
        });
        var usage = () => new CompletionUsage { PromptTokens = promptTokens, CompletionTokens = completionTokens };
        foreach (var chunk in CompletionChunker.Stream(head, typed, tokens, choices, usage))
        {
            await pacer.WaitAsync(CompletionChunker.CarriesToken(chunk), ct);
            yield return ChatStreamEvent.Typed(chunk);
        }
    }

    /// <summary>The completion, and each choice's content split into tokens.</summary>
    (ChatCompletion, IReadOnlyList<IReadOnlyList<string>>) Generate(CreateChatCompletionRequest request, CancellationToken ct)
    {
        var composed = Enumerable.Range(0, request.ChoiceCount).Select(index =>
        {
            ct.ThrowIfCancellationRequested();
            return _composer.Compose(request, index);
        }).ToList();
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
