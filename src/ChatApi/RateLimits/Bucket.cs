namespace ChatApi.RateLimits;

/// <summary>
/// A per-minute allowance that refills continuously (limit ÷ 60 each second) up to the limit, as OpenAI's limits
/// behave. It may go below zero when a request used more than was estimated on admission. Not thread-safe:
/// <see cref="KeyLimits"/> locks around it.
/// </summary>
internal sealed class Bucket
{
    readonly TimeProvider _time;
    readonly double _perSecond;
    double _level;
    long _updated;

    public Bucket(int perMinute, TimeProvider time)
    {
        Limit = perMinute;
        _time = time;
        _perSecond = perMinute / 60.0;
        _level = perMinute;
        _updated = time.GetTimestamp();
    }

    public int Limit { get; }

    public void Refill()
    {
        var now = _time.GetTimestamp();
        _level = Math.Min(Limit, _level + _time.GetElapsedTime(_updated, now).TotalSeconds * _perSecond);
        _updated = now;
    }

    public bool Has(long amount) => _level >= amount;

    /// <summary>Takes <paramref name="amount"/>; a negative amount gives back (down to nothing, up to the limit).</summary>
    public void Take(long amount) => _level = Math.Min(Limit, Math.Max(-Limit, _level - amount));

    public int Remaining => (int)Math.Max(0, Math.Floor(_level));

    /// <summary>How long until <paramref name="amount"/> is available.</summary>
    public TimeSpan Until(long amount) => TimeSpan.FromSeconds(Math.Max(0, amount - _level) / _perSecond);

    /// <summary>How long until the allowance is whole again: OpenAI's <c>x-ratelimit-reset-*</c>.</summary>
    public TimeSpan UntilFull => Until(Limit);

    public BucketSnapshot Snapshot() => new(Limit, Remaining, UntilFull);
}
