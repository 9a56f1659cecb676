namespace ChatApi.RateLimits;

internal enum RefusalKind
{
    Requests,
    Tokens,
    TooLarge,
    Concurrent,
}
