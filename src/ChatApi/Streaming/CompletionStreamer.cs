using ChatApi.Backends;
using ChatApi.Contracts;
using ChatApi.Storage;

namespace ChatApi.Streaming;

/// <summary>Sends a backend's chunks as SSE and, for <c>store: true</c>, stores the assembled completion at the end.</summary>
public static class CompletionStreamer
{
    public static async Task StreamAsync(HttpResponse response, IChatBackend backend, CreateChatCompletionRequest request, CompletionStore store, CancellationToken ct)
    {
        var assembler = request.Store == true ? new CompletionAssembler() : null;
        var clientWantsUsage = request.StreamOptions?.IncludeUsage == true;
        var started = false;
        await foreach (var chunk in backend.StreamAsync(ForBackend(request), ct))
        {
            assembler?.Add(chunk);
            if (ForClient(chunk, clientWantsUsage) is not { } sent)
                continue;
            if (!started)
            {
                SseWriter.Start(response);
                started = true;
            }
            await SseWriter.WriteAsync(response, sent, ct);
        }

        if (assembler?.Build() is { } completion)
            await store.SaveAsync(StoredChatCompletion.From(completion, request, CompletionIds.NewRequestId()), request.Messages!, ct);
        if (!started)
            SseWriter.Start(response);
        await SseWriter.WriteDoneAsync(response, ct);
    }

    /// <summary>A stored completion carries its usage even when the client streams without asking for it, so ask the backend.</summary>
    static CreateChatCompletionRequest ForBackend(CreateChatCompletionRequest request) =>
        request.Store == true && request.StreamOptions?.IncludeUsage != true
            ? request with { StreamOptions = (request.StreamOptions ?? new()) with { IncludeUsage = true } }
            : request;

    /// <summary>The chunk minus the usage the client did not ask for; null for a usage-only chunk.</summary>
    static ChatCompletionChunk? ForClient(ChatCompletionChunk chunk, bool clientWantsUsage) =>
        clientWantsUsage || chunk.Usage is null ? chunk
        : chunk.Choices.Count == 0 ? null
        : chunk with { Usage = null };
}
