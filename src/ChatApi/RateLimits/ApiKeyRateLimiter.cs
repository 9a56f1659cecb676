using System.Threading.RateLimiting;
using ChatApi.Auth;

namespace ChatApi.RateLimits;

/// <summary>
/// The global limiter of ASP.NET Core's rate-limiting middleware, partitioned by API key: each key's
/// <see cref="KeyLimits"/> admit or refuse, with the tokens estimated from the body's size (4 bytes a token) and
/// settled against the real usage once it is known (<see cref="TokenUsage"/>). Counts are per server process.
/// </summary>
internal sealed class ApiKeyRateLimiter : PartitionedRateLimiter<HttpContext>
{
    public const int BytesPerToken = 4;

    protected override RateLimitLease AttemptAcquireCore(HttpContext context, int permitCount)
    {
        if (context.Features.Get<ApiKey>()?.Limits is not { } limits)
            return NoLimitLease.Instance;

        var estimate = context.Request.ContentLength is > 0 and var length ? length / BytesPerToken : 0;
        var admission = limits.TryAdmit(estimate);
        if (admission.IsAdmitted)
        {
            context.Features.Set(new TokenUsage(limits, estimate));
            context.Response.OnStarting(static state =>
            {
                var (http, headers) = ((HttpContext, RateLimitHeaders))state;
                headers.WriteTo(http.Response.Headers);
                return Task.CompletedTask;
            }, (context, admission.Headers));
        }
        return new KeyLease(limits, admission);
    }

    // Nothing waits in a queue: a request over its limit is refused at once, as OpenAI does.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext context, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(context, permitCount));

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;
}
