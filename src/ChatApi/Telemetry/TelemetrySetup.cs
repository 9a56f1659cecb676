using ChatApi.Auth;
using ChatApi.Health;
using ChatApi.Http;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatApi.Telemetry;

public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddChatApiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton(options);
        services.BatchConsoleLog();
        if (!options.Enabled)
            return services;

        var otlp = options.Otlp ?? !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("chatapi"));
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(ChatApiTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
            if (options.Prometheus)
                metrics.AddPrometheusExporter();
            if (otlp)
                metrics.AddOtlpExporter();
        });
        if (options.Traces ?? otlp)
        {
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(ChatApiTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !HealthSetup.IsOperationsPath(http.Request.Path))
                    .AddHttpClientInstrumentation();
                if (otlp)
                    tracing.AddOtlpExporter();
            });
        }
        return services;
    }

    /// <summary>The host's console logger, where it has one, replaced by the batching one in the same formats.</summary>
    static void BatchConsoleLog(this IServiceCollection services)
    {
        var console = services.FirstOrDefault(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        if (console is null)
            return;
        services.Remove(console);
        services.AddSingleton<ILoggerProvider, BatchingConsoleLoggerProvider>();
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus' text format, for scrapers on the same machine, or anywhere with an admin key once
    /// keys are configured (the key check has run by then). Anyone else gets 404, as if it were not there.
    /// </summary>
    public static IEndpointRouteBuilder MapChatApiMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<TelemetryOptions>();
        if (!options.Enabled || !options.Prometheus)
            return app;

        var keys = app.ServiceProvider.GetRequiredService<ApiKeys>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((http, next) =>
        {
            if (http.Connection.RemoteIpAddress is { } remote && Loopback.Is(remote) || keys.Enabled && http.User.IsInRole(AuthPolicies.AdminRole))
                return next(http);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }), optionsName: null).DisableHttpMetrics();
        return app;
    }
}
