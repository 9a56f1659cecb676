namespace ChatApi.RateLimits;

/// <summary>Which limit refused a request, with the figures OpenAI's message gives.</summary>
internal sealed record Refusal(RefusalKind Kind, long Limit, long Used, long Requested, TimeSpan RetryAfter);
