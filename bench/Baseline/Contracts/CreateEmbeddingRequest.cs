using System.Text.Json;

namespace Baseline.Contracts;

internal sealed record CreateEmbeddingRequest
{
    public string? Model { get; init; }
    public JsonElement? Input { get; init; }
}
