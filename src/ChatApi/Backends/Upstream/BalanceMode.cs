namespace ChatApi.Backends.Upstream;

public enum BalanceMode
{
    /// <summary>Weighted round-robin over the primary deployments.</summary>
    RoundRobin,

    /// <summary>The primary deployment with the fewest requests in flight.</summary>
    LeastInFlight,

    /// <summary>Always the first healthy deployment in the list; the others are failovers.</summary>
    Ordered,
}
