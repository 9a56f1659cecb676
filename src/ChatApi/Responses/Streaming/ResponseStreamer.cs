using ChatApi.Backends;
using ChatApi.Contracts;
using System.Text.Json;
using ChatApi.Errors;
using ChatApi.Storage;
using ChatApi.Streaming;

namespace ChatApi.Responses.Streaming;

/// <summary>
/// Streams a chat backend's answer as Responses events. A backend that refuses before its first chunk gets a plain
/// HTTP error (nothing has been sent yet); a failure after that is an <c>error</c> event. A stored response is
/// committed before <c>response.completed</c> goes out, so a client can fetch it as soon as it reads that event.
/// </summary>
public static class ResponseStreamer
{
    const int MaxUnflushedBytes = 16 * 1024;

    public static async Task StreamAsync(HttpContext http, IChatBackend backend, ChatRequest chat, ResponseTurn turn,
        ResponseStore store, string project, TimeProvider time, CancellationToken ct)
    {
        var response = http.Response;
        var translator = new ResponseEventTranslator(turn.Request, turn.Id, turn.CreatedAt, time);
        long unflushed = 0;

        await using var chunks = backend.StreamAsync(chat, ct).GetAsyncEnumerator(ct);
        var next = chunks.MoveNextAsync();
        var more = await next; // a refusal before the first chunk is still an HTTP error

        foreach (var (name, value) in (more ? chunks.Current.Headers : null) ?? [])
            response.Headers.Append(name, value);
        SseWriter.Start(response);
        foreach (var e in translator.Start())
            unflushed += ResponseSseWriter.Write(response, e);

        try
        {
            while (more)
            {
                var (chunk, reasoning) = ChunkOf(chunks.Current);
                foreach (var e in translator.Add(chunk, reasoning))
                    unflushed += ResponseSseWriter.Write(response, e);
                if (unflushed >= MaxUnflushedBytes)
                    unflushed = await FlushAsync(response, ct);

                next = chunks.MoveNextAsync();
                // Flush whenever the backend makes us wait, so no event sits in a buffer while the next is generated.
                if (!next.IsCompleted && unflushed > 0)
                    unflushed = await FlushAsync(response, ct);
                more = await next;
            }
        }
        catch (BackendException failure)
        {
            ResponseSseWriter.Write(response, translator.Error(failure.Error));
            await FlushAsync(response, ct);
            return;
        }

        var finish = translator.Finish().ToList();
        if (turn.Stored)
            await store.SaveAsync(ResponseRows.For(turn, translator.Final!, translator.AssistantTurn), project, ct);
        foreach (var e in finish)
            ResponseSseWriter.Write(response, e);
        await FlushAsync(response, ct);
    }

    /// <summary>A typed chunk as it is; a relayed one (a chat-only upstream) parsed, with any reasoning text beside its delta.</summary>
    static (ChatCompletionChunk, string?) ChunkOf(ChatStreamEvent item)
    {
        if (item.Chunk is { } typed)
            return (typed, null);
        var json = item.ToJson();
        var chunk = json.Deserialize(ChatApiJsonContext.Default.ChatCompletionChunk)!;
        var reasoning = json.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array
            && choices.GetArrayLength() > 0 && choices[0].TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object
                ? Translation.CompletionTranslator.ReasoningOf(delta)
                : null;
        return (chunk, reasoning);
    }

    static async Task<long> FlushAsync(HttpResponse response, CancellationToken ct)
    {
        await response.BodyWriter.FlushAsync(ct);
        return 0;
    }
}
