using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatApi.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (database, and upstreams as configured).</summary>
public static class HealthSetup
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    const string ReadyTag = "ready";

    public static IServiceCollection AddChatApiHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Health").Get<HealthOptions>() ?? new HealthOptions();
        var checks = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag]);
        var upstreamFailure = options.UpstreamsRequired ? HealthStatus.Unhealthy : HealthStatus.Degraded;
        foreach (var upstream in configuration.GetSection("Backends:Upstreams").GetChildren())
        {
            var name = upstream.Key;
            checks.Add(new HealthCheckRegistration($"upstream:{name}",
                sp => new UpstreamHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), name, TimeSpan.FromSeconds(options.UpstreamTimeoutSeconds)),
                upstreamFailure, [ReadyTag]));
        }
        return services;
    }

    public static IEndpointRouteBuilder MapChatApiHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
            .DisableHttpMetrics().ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync })
            .DisableHttpMetrics().ExcludeFromDescription();
        return app;
    }

    /// <summary>Probes and scrapes, which the request log and the HTTP traces leave out.</summary>
    public static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
