using System.Globalization;
using System.Threading.RateLimiting;
using ChatApi.Auth;
using ChatApi.Contracts;
using ChatApi.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace ChatApi.RateLimits;

/// <summary>A refused request's 429, as OpenAI sends it: type <c>requests</c> or <c>tokens</c>, code <c>rate_limit_exceeded</c>, <c>Retry-After</c> and the <c>x-ratelimit-*</c> headers.</summary>
internal static class RateLimitRejection
{
    public const string Code = "rate_limit_exceeded";

    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var lease = rejected.Lease;
        var project = http.Features.Get<ApiKey>()?.Project ?? "default";
        if (!lease.TryGetMetadata(KeyLease.RefusalName, out var refusal) || refusal is null)
            return;

        if (lease.TryGetMetadata(KeyLease.HeadersName, out var headers))
            headers?.WriteTo(http.Response.Headers);
        var retryAfter = refusal.RetryAfter;
        http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["retry-after-ms"] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

        var type = refusal.Kind is RefusalKind.Tokens or RefusalKind.TooLarge ? "tokens" : "requests";
        await http.Response.WriteAsJsonAsync(OpenAIErrors.Body(Message(refusal, project), code: Code, type: type), ChatApiJson.Options, ct);
    }

    static string Message(Refusal r, string project)
    {
        var wait = GoDuration.Format(r.RetryAfter);
        return r.Kind switch
        {
            RefusalKind.Requests => $"Rate limit reached for requests per min (RPM) of project '{project}': Limit {r.Limit}, Used {r.Used}, Requested {r.Requested}. Please try again in {wait}.",
            RefusalKind.Tokens => $"Rate limit reached for tokens per min (TPM) of project '{project}': Limit {r.Limit}, Used {r.Used}, Requested {r.Requested}. Please try again in {wait}.",
            RefusalKind.TooLarge => $"Request too large for tokens per min (TPM) of project '{project}': Limit {r.Limit}, Requested {r.Requested}. The input or output tokens must be reduced in order to run successfully.",
            _ => $"Too many concurrent requests for project '{project}': Limit {r.Limit}. Please try again once one of them has finished.",
        };
    }
}
