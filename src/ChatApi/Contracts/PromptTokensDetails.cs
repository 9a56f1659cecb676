namespace ChatApi.Contracts;

public sealed record PromptTokensDetails
{
    public int CachedTokens { get; init; }
    public int AudioTokens { get; init; }
}
