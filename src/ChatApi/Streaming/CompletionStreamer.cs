using ChatApi.Backends;
using ChatApi.Contracts;
using ChatApi.Storage;

namespace ChatApi.Streaming;

/// <summary>
/// Sends a backend's chunks as SSE, each flushed as it comes, and for <c>store: true</c> stores the assembled completion once
/// the stream has run to its end. A client that goes away cancels <paramref name="ct"/>, which stops the backend mid-stream.
/// </summary>
public static class CompletionStreamer
{
    public static async Task StreamAsync(HttpResponse response, IChatBackend backend, CreateChatCompletionRequest request, CompletionStore store, CancellationToken ct)
    {
        var includeUsage = request.StreamOptions?.IncludeUsage == true;
        var assembler = request.Store == true ? new CompletionAssembler() : null;
        var started = false;
        await foreach (var chunk in backend.StreamAsync(request, ct))
        {
            if (!started)
            {
                SseWriter.Start(response);
                started = true;
            }
            assembler?.Add(chunk);
            // A backend may report usage unasked, so that a stored stream has it; the client sees it only when it asked.
            if (includeUsage || !CompletionChunker.IsUsageChunk(chunk))
                await SseWriter.WriteAsync(response, chunk, includeUsage, ct);
        }

        if (assembler?.Build() is { } completion)
            await store.SaveAsync(StoredChatCompletion.From(completion, request, CompletionIds.NewRequestId()), request.Messages!, ct);
        if (!started)
            SseWriter.Start(response);
        await SseWriter.WriteDoneAsync(response, ct);
    }
}
