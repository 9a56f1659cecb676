namespace ChatApi.Limits;

/// <summary>
/// Cancels every request's work when the host begins to stop, as if its client had gone, so in-flight streams end at once
/// and shutdown finishes within <see cref="HostOptions.ShutdownTimeout"/> however many are open.
/// </summary>
public static class StopOnShutdown
{
    public static IApplicationBuilder UseStopOnShutdown(this IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use(async (context, next) =>
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            context.RequestAborted = either.Token;
            await next(context);
        });
    }
}
