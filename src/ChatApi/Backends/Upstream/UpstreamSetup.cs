using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatApi.Backends.Upstream;

public static class UpstreamSetup
{
    /// <summary>
    /// Registers one keyed <see cref="IChatBackend"/> per entry of <c>Backends:Upstreams</c> (a pool of one) and of
    /// <c>Backends:Pools</c>, each deployment with its own HTTP client. Settings are checked here, at start-up.
    /// </summary>
    public static IServiceCollection AddUpstreamBackends(this IServiceCollection services, IConfiguration configuration)
    {
        var upstreams = configuration.GetSection("Backends:Upstreams").GetChildren()
            .ToDictionary(s => s.Key, s => (s.Get<UpstreamOptions>() ?? new UpstreamOptions(), s.Path));
        foreach (var (name, (options, path)) in upstreams)
        {
            if (options.BaseUrl is null)
                throw new InvalidOperationException($"{path}:BaseUrl is missing: an upstream needs the API root it forwards to, e.g. http://127.0.0.1:8000/v1.");
            if (options.TimeoutSeconds <= 0 || options.ConnectTimeoutSeconds <= 0 || options.IdleTimeoutSeconds <= 0 || options.TotalTimeoutSeconds <= 0 || options.Retries < 0)
                throw new InvalidOperationException($"{path}: TimeoutSeconds, ConnectTimeoutSeconds, IdleTimeoutSeconds and TotalTimeoutSeconds must be positive, Retries not negative.");
            if (options.Responses is not (ResponsesModes.Translate or ResponsesModes.Relay))
                throw new InvalidOperationException($"{path}:Responses is '{options.Responses}': use '{ResponsesModes.Relay}' for an upstream that speaks the Responses API, or '{ResponsesModes.Translate}' (the default) to translate to chat completions.");
            services.AddHttpClient(HttpClientName(name), http =>
                {
                    // A trailing slash keeps the base path when "chat/completions" is appended.
                    http.BaseAddress = new Uri(options.BaseUrl.ToString().TrimEnd('/') + "/");
                    http.Timeout = Timeout.InfiniteTimeSpan; // the pool's timeouts bound each phase
                    if (!string.IsNullOrEmpty(options.ApiKey))
                        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                })
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    MaxConnectionsPerServer = int.MaxValue,
                })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers();
        }

        var aliases = configuration.GetSection("Backends:Aliases").Get<Dictionary<string, string>>() ?? [];
        foreach (var (name, (options, _)) in upstreams)
        {
            var deployments = new List<DeploymentOptions> { new() { Upstream = name } };
            services.AddKeyedSingleton<IChatBackend>(name, (sp, _) => new UpstreamBackend(
                Pool(sp, name, deployments, BalanceMode.Ordered, options.Retries, options.RetryDelayMs, options.MaxRetryAfterSeconds, 0, 0, upstreams), aliases));
            if (options.Responses == ResponsesModes.Relay)
                services.AddKeyedSingleton<IChatBackend>(ResponsesModes.RelayKey(name), (sp, _) => new UpstreamBackend(
                    Pool(sp, name, deployments, BalanceMode.Ordered, options.Retries, options.RetryDelayMs, options.MaxRetryAfterSeconds, 0, 0, upstreams), aliases, UpstreamBackend.ResponsesPath));
        }

        foreach (var section in configuration.GetSection("Backends:Pools").GetChildren())
        {
            var name = section.Key;
            var pool = section.Get<PoolOptions>() ?? new PoolOptions();
            if (upstreams.ContainsKey(name))
                throw new InvalidOperationException($"{section.Path}: '{name}' is already the name of an upstream; give the pool its own name.");
            if (pool.Deployments.Count == 0)
                throw new InvalidOperationException($"{section.Path}:Deployments is empty: list the upstreams that serve it, e.g. {section.Path}:Deployments:0:Upstream.");
            for (var i = 0; i < pool.Deployments.Count; i++)
            {
                if (pool.Deployments[i].Upstream is not { } upstream || !upstreams.ContainsKey(upstream))
                    throw new InvalidOperationException($"{section.Path}:Deployments:{i}:Upstream names no entry of Backends:Upstreams ('{pool.Deployments[i].Upstream}').");
            }
            if (pool.Deployments.All(d => d.Fallback))
                throw new InvalidOperationException($"{section.Path}: every deployment is a Fallback; at least one must be primary.");
            var retries = pool.Retries ?? pool.Deployments.Count - 1;
            services.AddKeyedSingleton<IChatBackend>(name, (sp, _) => new UpstreamBackend(
                Pool(sp, name, pool.Deployments, pool.Balance, retries, pool.RetryDelayMs, pool.MaxRetryAfterSeconds, pool.FailuresBeforeCooldown, pool.CooldownSeconds, upstreams), aliases));
            var relaying = pool.Deployments.Count(d => upstreams[d.Upstream!].Item1.Responses == ResponsesModes.Relay);
            if (relaying != 0 && relaying != pool.Deployments.Count)
                throw new InvalidOperationException($"{section.Path}: some deployments' upstreams have Responses = relay and some translate; a pool's upstreams must all speak the same API.");
            if (relaying != 0)
                services.AddKeyedSingleton<IChatBackend>(ResponsesModes.RelayKey(name), (sp, _) => new UpstreamBackend(
                    Pool(sp, name, pool.Deployments, pool.Balance, retries, pool.RetryDelayMs, pool.MaxRetryAfterSeconds, pool.FailuresBeforeCooldown, pool.CooldownSeconds, upstreams), aliases, UpstreamBackend.ResponsesPath));
        }
        return services;
    }

    internal static string HttpClientName(string upstream) => $"upstream:{upstream}";

    static UpstreamPool Pool(IServiceProvider sp, string name, List<DeploymentOptions> deployments, BalanceMode balance, int retries, int retryDelayMs,
        int maxRetryAfterSeconds, int failuresBeforeCooldown, int cooldownSeconds, Dictionary<string, (UpstreamOptions Options, string Path)> upstreams)
    {
        var http = sp.GetRequiredService<IHttpClientFactory>();
        var time = sp.GetRequiredService<TimeProvider>();
        var built = deployments.Select(d =>
        {
            var options = upstreams[d.Upstream!].Options;
            var attempt = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
            Cooldown? cooldown = null;
            // A single deployment has nothing to fail over to: its failures go to the client as they are.
            if (deployments.Count > 1)
            {
                var deploymentCooldown = cooldown = new Cooldown(time);
                attempt.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = Math.Max(2, failuresBeforeCooldown),
                    SamplingDuration = TimeSpan.FromSeconds(Math.Max(1, cooldownSeconds)),
                    BreakDuration = TimeSpan.FromSeconds(Math.Max(1, cooldownSeconds)),
                    OnOpened = args =>
                    {
                        deploymentCooldown.Start(args.BreakDuration);
                        return default;
                    },
                    OnClosed = _ =>
                    {
                        deploymentCooldown.End();
                        return default;
                    },
                });
            }
            attempt.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
            return new Deployment(d.Upstream!, http.CreateClient(HttpClientName(d.Upstream!)), options, d, attempt.Build(), cooldown);
        }).ToList();
        return new UpstreamPool(name, built, balance, retries, retryDelayMs, maxRetryAfterSeconds, time);
    }
}
