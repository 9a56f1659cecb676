namespace Baseline.Contracts;

internal sealed record CompletionTokensDetails
{
    public int ReasoningTokens { get; init; }
    public int AudioTokens { get; init; }
    public int AcceptedPredictionTokens { get; init; }
    public int RejectedPredictionTokens { get; init; }
}
