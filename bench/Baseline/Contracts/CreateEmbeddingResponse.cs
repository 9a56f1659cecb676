namespace Baseline.Contracts;

internal sealed record CreateEmbeddingResponse
{
    public string Object { get; init; } = "list";
    public required IReadOnlyList<EmbeddingData> Data { get; init; }
    public required string Model { get; init; }
    public required EmbeddingUsage Usage { get; init; }
}
