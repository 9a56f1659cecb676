using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ChatApi.Backends.Upstream;

/// <summary>
/// Relays chat completions to an upstream pool as received: the client's body with only ChatApi's own changes
/// (<see cref="RelayRequestBody"/>), the upstream's body bytes or SSE events back unchanged, and its error bodies,
/// statuses and rate-limit headers passed through. ChatApi reads from the reply only what it stores.
/// On <see cref="ResponsesPath"/> (an upstream that speaks the Responses API) the body goes out with only <c>model</c>
/// changed, and its stream ends with its last event (a Responses stream has no <c>[DONE]</c>).
/// </summary>
public sealed class UpstreamBackend(UpstreamPool pool, IReadOnlyDictionary<string, string> aliases, string path = UpstreamBackend.ChatPath) : IChatBackend, IJsonForwarder
{
    public const string ChatPath = "chat/completions";
    public const string ResponsesPath = "responses";

    string Path => path;

    public Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken ct) =>
        SendJsonAsync(Path, Body(request, stream: false), ct);

    /// <summary>
    /// Relays another non-streamed call (<c>embeddings</c>) the same way: the body as received but for the model
    /// name an alias or deployment gives, the answer as received.
    /// </summary>
    public Task<ChatReply> ForwardAsync(string path, ReadOnlyMemory<byte> body, string? model, CancellationToken ct)
    {
        var alias = model is not null && aliases.TryGetValue(model, out var target) ? target : null;
        return SendJsonAsync(path, deployment => RelayRequestBody.Rewrite(body, deployment.Model ?? alias, removeStore: false, askUsage: false), ct);
    }

    async Task<ChatReply> SendJsonAsync(string path, Func<Deployment, ReadOnlyMemory<byte>> body, CancellationToken ct)
    {
        using var total = UpstreamTimeouts.Total(pool, ct);
        using var answer = await UpstreamErrors.SendAsync(pool, path, body, stream: false, total.Token, ct);
        var relayed = await UpstreamErrors.ReadJsonAsync(answer, total.Token, ct);
        return new ChatReply { Relayed = relayed, Headers = RelayedHeaders.Of(answer.Response) };
    }

    public async IAsyncEnumerable<ChatStreamEvent> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        using var total = UpstreamTimeouts.Total(pool, ct);
        using var answer = await UpstreamErrors.SendAsync(pool, Path, Body(request, stream: true), stream: true, total.Token, ct);
        var headers = RelayedHeaders.Of(answer.Response);

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(total.Token);
        idle.CancelAfter(answer.Deployment.IdleTimeout);
        var events = ReadEventsAsync(answer, idle.Token).GetAsyncEnumerator(idle.Token);
        var finished = false;
        await using (events)
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (Exception e) when (!ct.IsCancellationRequested && e is OperationCanceledException or IOException or HttpRequestException)
                {
                    throw new StreamCutException(idle.IsCancellationRequested
                        ? $"The upstream sent nothing for {answer.Deployment.IdleTimeout.TotalSeconds:0.#} s; the stream was ended."
                        : $"The upstream's stream broke off: {e.Message}");
                }
                if (!more && finished)
                    yield break;
                if (!more)
                    throw new StreamCutException(path == ChatPath
                        ? "The upstream ended the stream without [DONE]."
                        : "The upstream ended the stream before its response was complete.");

                var item = events.Current;
                if (item.Data == "[DONE]" && path == ChatPath)
                    yield break;
                finished = path == ResponsesPath && item.EventType is "response.completed" or "response.incomplete" or "response.failed" or "error";
                idle.CancelAfter(answer.Deployment.IdleTimeout);
                yield return new ChatStreamEvent
                {
                    Data = item.Data,
                    EventType = item.EventType == SseParser.EventTypeDefault ? null : item.EventType,
                    Headers = headers,
                };
                headers = null;
            }
        }
    }

    static async IAsyncEnumerable<SseItem<string>> ReadEventsAsync(UpstreamAnswer answer, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var body = await answer.Response.Content.ReadAsStreamAsync(ct);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(ct))
            yield return item;
    }

    Func<Deployment, ReadOnlyMemory<byte>> Body(ChatRequest request, bool stream)
    {
        var typed = request.Typed;
        var alias = typed.Model is { } model && aliases.TryGetValue(model, out var target) ? target : null;
        if (path == ResponsesPath)
            return deployment => RelayRequestBody.Rewrite(request.Body, deployment.Model ?? alias, removeStore: false, askUsage: false);
        // A stored stream needs its usage; the client that did not ask for it is not shown the extra chunk.
        var askUsage = stream && typed.Store == true && typed.StreamOptions?.IncludeUsage != true;
        return deployment => RelayRequestBody.Rewrite(request.Body, deployment.Model ?? alias, !deployment.Options.ForwardStore, askUsage);
    }
}
