namespace ChatApi.Backends.Upstream;

/// <summary>The values of <c>Backends:Upstreams:{name}:Responses</c>.</summary>
public static class ResponsesModes
{
    public const string Translate = "translate";
    public const string Relay = "relay";

    /// <summary>The keyed <see cref="IChatBackend"/> that relays <c>/v1/responses</c> for a route, registered only when it relays.</summary>
    public static string RelayKey(string route) => $"responses:{route}";
}
