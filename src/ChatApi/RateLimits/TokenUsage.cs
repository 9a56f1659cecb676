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

    /// <summary>Settles with the usage of <paramref name="reply"/>, typed or relayed, when it reports one.</summary>
    public static void Settle(HttpContext context, Backends.ChatReply reply)
    {
        if (context.Features.Get<TokenUsage>() is not { } usage)
            return;
        if ((reply.Completion?.Usage?.TotalTokens ?? (reply.Relayed is { } relayed ? TotalOf(relayed.Json) : null)) is { } total)
            usage.Settle(total);
    }

    /// <summary><c>usage.total_tokens</c> of a completion or chunk as JSON, when it has one.</summary>
    public static long? TotalOf(System.Text.Json.JsonElement json) =>
        json.ValueKind == System.Text.Json.JsonValueKind.Object
        && json.TryGetProperty("usage", out var usage) && usage.ValueKind == System.Text.Json.JsonValueKind.Object
        && usage.TryGetProperty("total_tokens", out var total) && total.ValueKind == System.Text.Json.JsonValueKind.Number && total.TryGetInt64(out var value)
            ? value
            : null;
}
