namespace Baseline.Contracts;

internal sealed record CompletionUsage
{
    public required int PromptTokens { get; init; }
    public required int CompletionTokens { get; init; }
    public int TotalTokens => PromptTokens + CompletionTokens;
    public PromptTokensDetails PromptTokensDetails { get; init; } = new();
    public CompletionTokensDetails CompletionTokensDetails { get; init; } = new();
}
