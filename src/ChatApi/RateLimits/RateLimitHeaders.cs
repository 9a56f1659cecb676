using System.Globalization;

namespace ChatApi.RateLimits;

/// <summary>OpenAI's <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c>, for the limits a key has.</summary>
internal sealed record RateLimitHeaders(BucketSnapshot? Requests, BucketSnapshot? Tokens)
{
    public void WriteTo(IHeaderDictionary headers)
    {
        Write(headers, "requests", Requests);
        Write(headers, "tokens", Tokens);
    }

    static void Write(IHeaderDictionary headers, string unit, BucketSnapshot? snapshot)
    {
        if (snapshot is not { } s)
            return;
        headers[$"x-ratelimit-limit-{unit}"] = s.Limit.ToString(CultureInfo.InvariantCulture);
        headers[$"x-ratelimit-remaining-{unit}"] = s.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[$"x-ratelimit-reset-{unit}"] = GoDuration.Format(s.Reset);
    }
}
