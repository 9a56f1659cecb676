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
        var started = false;
        await foreach (var chunk in backend.StreamAsync(request, ct))
        {
            if (!started)
            {
                SseWriter.Start(response);
                started = true;
            }
            assembler?.Add(chunk);
            await SseWriter.WriteAsync(response, chunk, ct);
        }

        if (assembler?.Build() is { } completion)
            await store.SaveAsync(StoredChatCompletion.From(completion, request, CompletionIds.NewRequestId()), request.Messages!, ct);
        if (!started)
            SseWriter.Start(response);
        await SseWriter.WriteDoneAsync(response, ct);
    }
}
