namespace ChatApi.Contracts.Responses;

public sealed record OutputTokensDetails
{
    public int ReasoningTokens { get; init; }
}
