using Polly;

namespace ChatApi.Backends.Upstream;

/// <summary>One upstream serving a pool: its client and settings, its requests in flight, and its cooldown state.</summary>
public sealed class Deployment(string upstream, HttpClient http, UpstreamOptions options, DeploymentOptions deployment,
    ResiliencePipeline<HttpResponseMessage> attempt, Cooldown? cooldown)
{
    int _inFlight;

    public string Upstream { get; } = upstream;
    public HttpClient Http { get; } = http;
    public UpstreamOptions Options { get; } = options;
    public string? Model { get; } = deployment.Model;
    public int Weight { get; } = Math.Max(1, deployment.Weight);
    public bool Fallback { get; } = deployment.Fallback;

    /// <summary>One attempt: the cooldown breaker (in a pool of several) around the time-to-first-byte timeout.</summary>
    public ResiliencePipeline<HttpResponseMessage> Attempt { get; } = attempt;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Taken out by its circuit breaker and its break not yet over: not chosen while others can answer.</summary>
    public bool CoolingDown => cooldown?.Active == true;

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(Options.IdleTimeoutSeconds ?? Options.TimeoutSeconds);

    public IDisposable Track()
    {
        Interlocked.Increment(ref _inFlight);
        return new Release(this);
    }

    sealed class Release(Deployment deployment) : IDisposable
    {
        int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                Interlocked.Decrement(ref deployment._inFlight);
        }
    }
}
