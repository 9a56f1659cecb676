using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatApi.Errors;

/// <summary>Turns binding failures (bad JSON, wrong types), backend refusals and unexpected exceptions into OpenAI's error shape.</summary>
internal sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, body) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, FromJsonException(json)),
            BadHttpRequestException bad => (bad.StatusCode, OpenAIErrors.Body(BadRequestMessage(bad))),
            BackendException backend => (backend.Status, new ErrorResponse(backend.Error)),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                (503, OpenAIErrors.Body("The request was cancelled: the client went away or the server is shutting down.", type: "server_error")),
            _ => (500, OpenAIErrors.Body("The server had an error while processing your request.", type: "server_error")),
        };
        if (status == 500 && exception is not BackendException)
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);

        if (context.Response.HasStarted)
            return false; // mid-stream: nothing can be sent but the cut-off itself

        context.Response.StatusCode = status;
        if (exception is BackendException relayed)
        {
            foreach (var (name, value) in relayed.Headers)
                context.Response.Headers.Append(name, value);
            // An upstream's own error goes to the client as the upstream wrote it.
            if (relayed.Relayed is { } upstreamBody)
            {
                context.Response.ContentType = upstreamBody.ContentType;
                await context.Response.Body.WriteAsync(upstreamBody.Bytes, ct);
                return true;
            }
        }
        if (exception is BackendException { RetryAfter: { } retryAfter, Headers.Count: 0 })
        {
            // Retry-After has whole seconds; retry-after-ms, which OpenAI's Python and Node SDKs read first, keeps the precision.
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["retry-after-ms"] = ((long)retryAfter.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await context.Response.WriteAsJsonAsync(body, ChatApiJson.Options, ct);
        return true;
    }

    static ErrorResponse FromJsonException(JsonException json)
    {
        // A syntax error comes from the reader, wrapped; a type mismatch is the JsonException itself.
        if (json.InnerException?.GetType().Name == "JsonReaderException")
            return OpenAIErrors.Body(OpenAIErrors.UnparsableBody);

        var param = ParamFromPath(json.Path);
        if (param is not null && json.Data[NestedJson.InnerPathKey] is string inner)
            param += inner;
        param = param is null ? null : Excerpt.Of(param, 200);
        return param is null
            ? OpenAIErrors.Body(OpenAIErrors.UnparsableBody)
            : OpenAIErrors.Body($"Invalid type for '{param}'.", param, "invalid_type");
    }

    /// <summary><c>$.messages[0].content</c> → <c>messages[0].content</c>; the root has no param.</summary>
    internal static string? ParamFromPath(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    static string BadRequestMessage(BadHttpRequestException bad) => bad.StatusCode switch
    {
        415 => OpenAIErrors.JsonContentTypeRequired,
        _ when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => OpenAIErrors.UnparsableBody,
        _ => bad.Message,
    };
}
