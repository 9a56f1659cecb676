namespace ChatApi.Backends.Upstream;

/// <summary>One deployment of a pool: an upstream by name, and the model name that upstream knows the model by.</summary>
public sealed class DeploymentOptions
{
    /// <summary>A name under <c>Backends:Upstreams</c>.</summary>
    public string? Upstream { get; set; }

    /// <summary>The model sent to this upstream; the client's (or the alias's) when not set.</summary>
    public string? Model { get; set; }

    /// <summary>Relative share of requests under <see cref="BalanceMode.RoundRobin"/>.</summary>
    public int Weight { get; set; } = 1;

    /// <summary>Used only when every primary deployment failed or is cooling down.</summary>
    public bool Fallback { get; set; }
}
