using ChatApi.Backends.Upstream;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatApi.Health;

/// <summary>An upstream is reachable when its <c>GET models</c> answers with a success status in time.</summary>
internal sealed class UpstreamHealthCheck(IHttpClientFactory clients, string upstream, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(UpstreamSetup.HttpClientName(upstream)).GetAsync("models", HttpCompletionOption.ResponseHeadersRead, limit.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"GET models answered {(int)response.StatusCode}.");
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "GET models failed.", error);
        }
    }
}
