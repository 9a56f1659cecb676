using System.Text.Json.Nodes;

namespace ChatApi.Backends.Recording;

/// <summary>
/// One recorded exchange: the request (as sent, redacted fields aside) and the answer as the client got it, either
/// a whole body (<see cref="Body"/>, also an error's) or a stream's events (<see cref="Events"/>).
/// </summary>
public sealed record Cassette
{
    public required string Key { get; init; }

    /// <summary>The API path below <c>/v1</c>: <c>chat/completions</c>, <c>embeddings</c>, <c>responses</c>.</summary>
    public required string Endpoint { get; init; }

    public required JsonNode? Request { get; init; }

    public required int Status { get; init; }

    /// <summary>Lower-case names, sorted, so a re-recording writes them in the same order.</summary>
    public required SortedDictionary<string, string> Headers { get; init; }

    /// <summary>The body's text exactly as received; null for a stream.</summary>
    public string? Body { get; init; }

    /// <summary>Each SSE event's data as received, without the final <c>[DONE]</c>; null for a whole body.</summary>
    public IReadOnlyList<RecordedEvent>? Events { get; init; }

    public bool IsError => Status >= 400;
}
