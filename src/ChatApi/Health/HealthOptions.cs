namespace ChatApi.Health;

/// <summary>Section <c>Health</c>: what <c>/health/ready</c> demands.</summary>
public sealed class HealthOptions
{
    /// <summary>When true an unreachable upstream makes the server not ready (503); otherwise it is reported as Degraded.</summary>
    public bool UpstreamsRequired { get; set; }

    /// <summary>Seconds an upstream has to answer its <c>GET models</c> probe.</summary>
    public int UpstreamTimeoutSeconds { get; set; } = 5;
}
