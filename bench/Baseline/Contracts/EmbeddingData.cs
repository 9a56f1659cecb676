namespace Baseline.Contracts;

internal sealed record EmbeddingData
{
    public string Object { get; init; } = "embedding";
    public required int Index { get; init; }
    public required float[] Embedding { get; init; }
}
