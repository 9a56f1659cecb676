using System.Runtime.CompilerServices;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;
using ChatApi.Streaming;

namespace ChatApi.Backends.Scripted;

/// <summary>
/// Answers a request as the first matching rule says; a request no rule matches (or a rule that only delays or cuts)
/// gets the routed backend's answer. Scripted answers take the usual path: same shapes, storage and chunking.
/// </summary>
public sealed class ScriptedBackend(
    IChatBackend routed, ScriptedRules rules, TokenCounter tokens, TimeProvider time, IHttpContextAccessor http, ILogger<ScriptedBackend> logger)
    : IChatBackend
{
    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken ct)
    {
        if (await StartAsync(request.Typed, ct) is not { } answer)
            return await routed.CompleteAsync(request, ct);

        if (answer.CutAfterChunks is not null)
            await CutConnectionAsync(drainFirst: false, ct);
        return ScriptedCompletion.HasMessage(answer)
            ? ChatReply.Typed(ScriptedCompletion.Build(answer, request.Typed, tokens, time))
            : await routed.CompleteAsync(request, ct);
    }

    public async IAsyncEnumerable<ChatStreamEvent> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var answer = await StartAsync(request.Typed, ct);
        var chunks = answer is not null && ScriptedCompletion.HasMessage(answer)
            ? CompletionChunker.Split(ScriptedCompletion.Build(answer, request.Typed, tokens, time), request.Typed, tokens)
                .Select(ChatStreamEvent.Typed).ToAsyncEnumerable()
            : routed.StreamAsync(request, ct);

        var sent = 0;
        await foreach (var chunk in chunks.WithCancellation(ct))
        {
            if (sent++ == answer?.CutAfterChunks)
                await CutConnectionAsync(drainFirst: sent > 1, ct);
            yield return chunk;
        }
        if (answer?.CutAfterChunks is not null)
            await CutConnectionAsync(drainFirst: sent > 0, ct);
    }

    /// <summary>Finds the rule, waits its delay and throws its error; null when no rule applies.</summary>
    async Task<RuleAnswer?> StartAsync(CreateChatCompletionRequest request, CancellationToken ct)
    {
        if (rules.Claim(request) is not { } rule)
            return null;

        logger.LogDebug("Scripted rule {Rule} answers a request for {Model}", rule.Name, request.Model);
        var answer = rule.Answer;
        if (answer.DelayMs is { } delay and > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(delay), time, ct);
        if (answer.Error is { } error)
            throw ScriptedErrors.ToException(error, request.Model!);
        return answer;
    }

    /// <param name="drainFirst">Chunks were written: give the streamer (which flushes while this waits) time to send them.</param>
    Task CutConnectionAsync(bool drainFirst, CancellationToken ct) => ConnectionCut.CutAsync(http.HttpContext, drainFirst, time, ct);
}
