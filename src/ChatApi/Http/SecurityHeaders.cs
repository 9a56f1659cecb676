using Microsoft.Net.Http.Headers;

namespace ChatApi.Http;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every response, and <c>Cache-Control: no-store</c> on every response
/// that sets no caching of its own: API answers (stored completions above all) must not stay in a shared cache.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // As the response starts: the exception handler clears headers set before it.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey(HeaderNames.CacheControl))
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
