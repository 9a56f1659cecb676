using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>A source of completions. Backends speak the wire records, so nothing a client sent is lost.</summary>
public interface IChatBackend
{
    Task<ChatCompletion> CompleteAsync(CreateChatCompletionRequest request, CancellationToken ct);

    IAsyncEnumerable<ChatCompletionChunk> StreamAsync(CreateChatCompletionRequest request, CancellationToken ct);
}
