namespace Baseline.Contracts;

internal sealed record PromptTokensDetails
{
    public int CachedTokens { get; init; }
    public int AudioTokens { get; init; }
}
