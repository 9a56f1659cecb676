namespace ChatApi.Backends.Upstream;

/// <summary>The upstream response headers a client reads (rate limits, retry hints, timings) and the upstream's request id.</summary>
public static class RelayedHeaders
{
    public const string UpstreamRequestId = "x-upstream-request-id";

    static readonly string[] Exact = ["retry-after", "retry-after-ms", "openai-processing-ms", "openai-version"];

    public static IReadOnlyList<KeyValuePair<string, string>> Of(HttpResponseMessage response)
    {
        var relayed = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            var relayedName = name.Equals("x-request-id", StringComparison.OrdinalIgnoreCase) ? UpstreamRequestId
                : Exact.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase) ? name.ToLowerInvariant()
                : null;
            if (relayedName is not null)
                relayed.AddRange(values.Select(v => KeyValuePair.Create(relayedName, v)));
        }
        return relayed;
    }

    /// <summary>How long the upstream asked to wait: <c>retry-after-ms</c>, then <c>Retry-After</c> in seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var millis))
            return TimeSpan.FromMilliseconds(Math.Max(0, millis));
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }

    public static string? RequestIdOf(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        headers.FirstOrDefault(h => h.Key == UpstreamRequestId).Value;
}
