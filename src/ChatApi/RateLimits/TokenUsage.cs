namespace ChatApi.RateLimits;

/// <summary>
/// A request feature holding its token estimate; <see cref="Settle"/> replaces the estimate with the usage the
/// answer reported, so a key's tokens-per-minute count what was really used.
/// </summary>
public sealed class TokenUsage
{
    readonly KeyLimits _limits;
    long _estimate;

    internal TokenUsage(KeyLimits limits, long estimate)
    {
        _limits = limits;
        _estimate = estimate;
    }

    /// <summary>Counts <paramref name="totalTokens"/> (prompt and completion) for the request in place of its estimate; once.</summary>
    public void Settle(long totalTokens)
    {
        var estimate = Interlocked.Exchange(ref _estimate, totalTokens);
        _limits.Settle(totalTokens - estimate);
    }

    /// <summary>Settles the request of <paramref name="context"/>, when its key has limits.</summary>
    public static void Settle(HttpContext context, long totalTokens) => context.Features.Get<TokenUsage>()?.Settle(totalTokens);
}
