namespace ChatApi.Backends.Upstream;

/// <summary>
/// One entry of <c>Backends:Pools</c>: a backend name served by several deployments (upstreams), load-balanced, with
/// failover to the next deployment and a cooldown for one that keeps failing.
/// </summary>
public sealed class PoolOptions
{
    public List<DeploymentOptions> Deployments { get; set; } = [];

    /// <summary>How the first deployment of a request is chosen among the healthy primary ones.</summary>
    public BalanceMode Balance { get; set; } = BalanceMode.RoundRobin;

    /// <summary>Extra attempts after a failure before the first byte; by default each other deployment once.</summary>
    public int? Retries { get; set; }

    /// <summary>Base of the jittered exponential backoff when an attempt goes back to a deployment that failed.</summary>
    public int RetryDelayMs { get; set; } = 250;

    /// <summary>A Retry-After longer than this is not waited for.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>Failures (of at least half the calls) within <see cref="CooldownSeconds"/> that take a deployment out.</summary>
    public int FailuresBeforeCooldown { get; set; } = 3;

    /// <summary>Seconds a failing deployment stays out before it is tried again.</summary>
    public int CooldownSeconds { get; set; } = 30;
}
