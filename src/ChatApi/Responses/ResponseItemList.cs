using System.Text.Json.Nodes;

namespace ChatApi.Responses;

/// <summary><c>ResponseItemList</c>: a page of a response's input items.</summary>
public sealed record ResponseItemList
{
    public string Object { get; init; } = "list";
    public required IReadOnlyList<JsonNode> Data { get; init; }
    public required string? FirstId { get; init; }
    public required string? LastId { get; init; }
    public required bool HasMore { get; init; }
}
