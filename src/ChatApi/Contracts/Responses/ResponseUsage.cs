namespace ChatApi.Contracts.Responses;

public sealed record ResponseUsage
{
    public required int InputTokens { get; init; }
    public InputTokensDetails InputTokensDetails { get; init; } = new();
    public required int OutputTokens { get; init; }
    public OutputTokensDetails OutputTokensDetails { get; init; } = new();
    public int TotalTokens => InputTokens + OutputTokens;
}
