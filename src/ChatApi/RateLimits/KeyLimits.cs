namespace ChatApi.RateLimits;

/// <summary>
/// One key's limits: requests per minute, tokens per minute and requests at once. A request is admitted only when
/// all three allow it, and then counted against all three at once.
/// </summary>
public sealed class KeyLimits
{
    readonly Bucket? _requests;
    readonly Bucket? _tokens;
    readonly int? _maxConcurrent;
    int _inFlight;

    KeyLimits(Bucket? requests, Bucket? tokens, int? maxConcurrent)
    {
        _requests = requests;
        _tokens = tokens;
        _maxConcurrent = maxConcurrent;
    }

    /// <summary>Null when none of the limits is set.</summary>
    public static KeyLimits? For(int? requestsPerMinute, int? tokensPerMinute, int? maxConcurrentRequests, TimeProvider time) =>
        requestsPerMinute is null && tokensPerMinute is null && maxConcurrentRequests is null
            ? null
            : new KeyLimits(
                requestsPerMinute is > 0 ? new Bucket(requestsPerMinute.Value, time) : null,
                tokensPerMinute is > 0 ? new Bucket(tokensPerMinute.Value, time) : null,
                maxConcurrentRequests);

    internal Admission TryAdmit(long estimatedTokens)
    {
        lock (this)
        {
            _requests?.Refill();
            _tokens?.Refill();
            if (_inFlight >= _maxConcurrent)
                return Admission.Refused(new Refusal(RefusalKind.Concurrent, _maxConcurrent.Value, _inFlight, 1, TimeSpan.FromSeconds(1)), Headers());
            if (_requests is { } requests && !requests.Has(1))
                return Admission.Refused(new Refusal(RefusalKind.Requests, requests.Limit, requests.Limit - requests.Remaining, 1, requests.Until(1)), Headers());
            if (_tokens is { } tokens && estimatedTokens > 0)
            {
                if (estimatedTokens > tokens.Limit)
                    return Admission.Refused(new Refusal(RefusalKind.TooLarge, tokens.Limit, 0, estimatedTokens, tokens.UntilFull), Headers());
                if (!tokens.Has(estimatedTokens))
                    return Admission.Refused(new Refusal(RefusalKind.Tokens, tokens.Limit, tokens.Limit - tokens.Remaining, estimatedTokens, tokens.Until(estimatedTokens)), Headers());
            }

            _requests?.Take(1);
            _tokens?.Take(estimatedTokens);
            _inFlight++;
            return Admission.Admitted(Headers());
        }
    }

    /// <summary>The request has ended.</summary>
    internal void Release()
    {
        lock (this)
            _inFlight--;
    }

    /// <summary>Counts the tokens a request really used beyond (or short of) its estimate.</summary>
    internal void Settle(long difference)
    {
        if (_tokens is null || difference == 0)
            return;
        lock (this)
        {
            _tokens.Refill();
            _tokens.Take(difference);
        }
    }

    RateLimitHeaders Headers() => new(_requests?.Snapshot(), _tokens?.Snapshot());
}
