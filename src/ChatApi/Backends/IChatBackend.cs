namespace ChatApi.Backends;

/// <summary>
/// A source of completions. A typed backend (built-in, scripted) builds wire records; a relaying backend (upstream,
/// recording) moves the JSON it received untouched, so no field it does not model is lost.
/// </summary>
public interface IChatBackend
{
    /// <summary>Throws <see cref="BackendException"/> to refuse.</summary>
    Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken ct);

    /// <summary>
    /// The events in order. A relaying backend returns normally only after its source's <c>[DONE]</c>, and throws
    /// <see cref="StreamCutException"/> when the source ended without it.
    /// </summary>
    IAsyncEnumerable<ChatStreamEvent> StreamAsync(ChatRequest request, CancellationToken ct);
}
