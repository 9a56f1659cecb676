namespace ChatApi.RateLimits;

internal readonly record struct Admission(bool IsAdmitted, Refusal? Refusal, RateLimitHeaders Headers)
{
    public static Admission Admitted(RateLimitHeaders headers) => new(true, null, headers);

    public static Admission Refused(Refusal refusal, RateLimitHeaders headers) => new(false, refusal, headers);
}
