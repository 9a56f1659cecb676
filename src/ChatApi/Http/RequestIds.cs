using ChatApi.Backends;

namespace ChatApi.Http;

/// <summary>
/// OpenAI's <c>x-request-id</c> on every response, success or error; the SDKs expose it (<c>_request_id</c>,
/// <c>error.requestID</c>), a stored completion keeps it as <c>request_id</c>, and logs carry it as the trace id.
/// </summary>
public static class RequestIds
{
    public const string Header = "x-request-id";

    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.TraceIdentifier = CompletionIds.NewRequestId();
        // Set as the response starts: the exception handler clears headers set before it.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[Header] = http.TraceIdentifier;
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    public static string Of(HttpContext context) => context.TraceIdentifier;
}
