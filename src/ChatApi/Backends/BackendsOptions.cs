namespace ChatApi.Backends;

/// <summary>Section <c>Backends</c>: which backend answers which model.</summary>
public sealed class BackendsOptions
{
    /// <summary>The backend for a model no route names.</summary>
    public string Default { get; set; } = BackendNames.Deterministic;

    /// <summary>Model name (or prefix ending in <c>*</c>) → backend name; an exact name wins, then the longest prefix.</summary>
    public Dictionary<string, string> Routes { get; set; } = [];

    /// <summary>The models <c>GET /v1/models</c> lists.</summary>
    public List<string> Models { get; set; } = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "gpt-5-mini", "o4-mini"];
}
