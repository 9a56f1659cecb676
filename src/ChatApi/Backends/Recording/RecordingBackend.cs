using ChatApi.Streaming;

namespace ChatApi.Backends.Recording;

/// <summary>
/// A chat backend, or a Responses relay, behind its cassettes (<see cref="CassetteRecorder"/>); <paramref name="endpoint"/>
/// is the API path the requests it sees were sent to.
/// </summary>
public sealed class RecordingBackend(IChatBackend inner, string endpoint, CassetteRecorder recorder) : IChatBackend
{
    public Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken ct) =>
        recorder.AnswerAsync(Cassette(request), live => inner.CompleteAsync(request, live), ct);

    public IAsyncEnumerable<ChatStreamEvent> StreamAsync(ChatRequest request, CancellationToken ct)
    {
        var includeUsage = request.Typed.StreamOptions?.IncludeUsage == true;
        return recorder.StreamAsync(Cassette(request), live => inner.StreamAsync(request, live), SentData, ct);

        // What the streamer sends for a typed chunk; a usage chunk the client did not ask for is not sent.
        string? SentData(ChatStreamEvent item) => item.Chunk is not { } chunk ? item.Data
            : includeUsage || !CompletionChunker.IsUsageChunk(chunk) ? SseWriter.Data(chunk, includeUsage)
            : null;
    }

    CassetteRequest Cassette(ChatRequest request) => new(endpoint, request.Typed.Model, request.Json);
}
