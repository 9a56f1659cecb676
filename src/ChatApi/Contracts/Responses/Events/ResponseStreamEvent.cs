using System.Text.Json.Serialization;

namespace ChatApi.Contracts.Responses.Events;

/// <summary>
/// One event of a Responses stream. <c>type</c> is both the SSE <c>event:</c> line and the first field of its data;
/// each event type is its own record, serialized by its runtime type.
/// </summary>
public abstract record ResponseStreamEvent(string Type)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = Type;

    public int SequenceNumber { get; init; }
}
