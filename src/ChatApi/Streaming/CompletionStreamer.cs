using ChatApi.Backends;
using ChatApi.Contracts;
using ChatApi.Http;
using ChatApi.Storage;
using ChatApi.Telemetry;

namespace ChatApi.Streaming;

/// <summary>
/// Sends a backend's chunks as SSE and, for <c>store: true</c>, stores the assembled completion once the stream has run to its end.
/// A client that goes away cancels <paramref name="ct"/>, which stops the backend mid-stream.
/// </summary>
public static class CompletionStreamer
{
    // Chunks the backend has ready at once go out together, up to this many bytes.
    const int MaxUnflushedBytes = 16 * 1024;

    public static async Task StreamAsync(HttpContext http, IChatBackend backend, CreateChatCompletionRequest request, CompletionStore store,
        CompletionTelemetry telemetry, CancellationToken ct)
    {
        var response = http.Response;
        var includeUsage = request.StreamOptions?.IncludeUsage == true;
        var assembler = request.Store == true ? new CompletionAssembler() : null;
        var started = false;
        long unflushed = 0;

        await using var chunks = backend.StreamAsync(request, ct).GetAsyncEnumerator(ct);
        var next = chunks.MoveNextAsync();
        while (true)
        {
            // Flush whenever the backend makes us wait, so no chunk sits in a buffer while the next is generated.
            if (!next.IsCompleted && unflushed > 0)
                unflushed = await FlushAsync(response, ct);
            if (!await next)
                break;

            var chunk = chunks.Current;
            if (!started)
            {
                SseWriter.Start(response);
                started = true;
            }
            assembler?.Add(chunk);
            telemetry.Streamed(chunk);
            // A backend may report usage unasked, so that a stored stream has it; the client sees it only when it asked.
            if (includeUsage || !CompletionChunker.IsUsageChunk(chunk))
                unflushed += SseWriter.Write(response, chunk, includeUsage);
            if (unflushed >= MaxUnflushedBytes)
                unflushed = await FlushAsync(response, ct);
            next = chunks.MoveNextAsync();
        }

        telemetry.StreamEnded();
        if (assembler?.Build() is { } completion)
        {
            using var storing = telemetry.StartStorage();
            await store.SaveAsync(StoredChatCompletion.From(completion, request, RequestIds.Of(http)), request.Messages!, ct);
        }
        if (!started)
            SseWriter.Start(response);
        await SseWriter.WriteDoneAsync(response, ct);
    }

    static async Task<long> FlushAsync(HttpResponse response, CancellationToken ct)
    {
        await response.BodyWriter.FlushAsync(ct);
        return 0;
    }
}
