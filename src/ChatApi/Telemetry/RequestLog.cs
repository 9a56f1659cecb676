using System.Diagnostics;
using ChatApi.Health;

namespace ChatApi.Telemetry;

/// <summary>
/// One Information line per request (category <c>ChatApi.Requests</c>): method, path, status, duration, request id, and for a
/// completion its model, backend and tokens. Never the query string, a body or a header.
/// </summary>
public static partial class RequestLog
{
    public const string Category = "ChatApi.Requests";

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information) || HealthSetup.IsOperationsPath(context.Request.Path))
            {
                await next(context);
                return;
            }

            var entry = new RequestLogEntry();
            context.Features.Set(entry);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var request = context.Request;
                if (entry.Model is null)
                    Served(logger, request.Method, request.Path.Value, context.Response.StatusCode, ms, context.TraceIdentifier);
                else
                    Completed(logger, request.Method, request.Path.Value, context.Response.StatusCode, ms, context.TraceIdentifier,
                        entry.Model, entry.Backend, entry.InputTokens, entry.OutputTokens);
            }
        });
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Method} {Path} {StatusCode} in {DurationMs:0.0} ms ({RequestId})")]
    static partial void Served(ILogger logger, string method, string? path, int statusCode, double durationMs, string requestId);

    [LoggerMessage(EventId = 2, EventName = "Completion", Level = LogLevel.Information,
        Message = "{Method} {Path} {StatusCode} in {DurationMs:0.0} ms ({RequestId}) model {Model} via {Backend}, {InputTokens} in / {OutputTokens} out tokens")]
    static partial void Completed(ILogger logger, string method, string? path, int statusCode, double durationMs, string requestId,
        string model, string? backend, int? inputTokens, int? outputTokens);
}
