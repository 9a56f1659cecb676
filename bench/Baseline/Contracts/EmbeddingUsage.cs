namespace Baseline.Contracts;

internal sealed record EmbeddingUsage
{
    public required int PromptTokens { get; init; }
    public required int TotalTokens { get; init; }
}
