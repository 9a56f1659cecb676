using System.Globalization;
using ChatApi.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatApi.Errors;

/// <summary>Writes an <see cref="OpenAIErrorException"/> as its status, <c>Retry-After</c> and OpenAI error body.</summary>
internal sealed class OpenAIErrorExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not OpenAIErrorException error)
            return false;

        context.Response.StatusCode = error.Status;
        if (error.RetryAfter is { } retryAfter)
        {
            // Retry-After carries whole seconds; retry-after-ms (read by OpenAI's SDKs) keeps the precision.
            var seconds = (long)Math.Ceiling(retryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["retry-after-ms"] = ((long)retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }
        await context.Response.WriteAsJsonAsync(new ErrorResponse(error.Error), ChatApiJson.Options, ct);
        return true;
    }
}
