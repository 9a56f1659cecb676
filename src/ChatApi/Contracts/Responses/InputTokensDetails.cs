namespace ChatApi.Contracts.Responses;

public sealed record InputTokensDetails
{
    public int CachedTokens { get; init; }
    public int CacheWriteTokens { get; init; }
}
