namespace ChatApi.RateLimits;

/// <summary>One limit as the <c>x-ratelimit-*</c> headers report it, after the request being answered was counted.</summary>
internal readonly record struct BucketSnapshot(int Limit, int Remaining, TimeSpan Reset);
