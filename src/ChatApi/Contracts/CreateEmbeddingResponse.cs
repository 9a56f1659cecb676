namespace ChatApi.Contracts;

public sealed record CreateEmbeddingResponse
{
    public string Object { get; init; } = "list";
    public required IReadOnlyList<Embedding> Data { get; init; }
    public required string Model { get; init; }
    public required EmbeddingUsage Usage { get; init; }
}
