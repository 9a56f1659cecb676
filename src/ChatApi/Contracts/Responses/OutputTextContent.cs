using System.Text.Json;

namespace ChatApi.Contracts.Responses;

public sealed record OutputTextContent : OutputContent
{
    public IReadOnlyList<JsonElement> Annotations { get; init; } = [];
    public IReadOnlyList<ResponseLogProb> Logprobs { get; init; } = [];
    public required string Text { get; init; }
}
