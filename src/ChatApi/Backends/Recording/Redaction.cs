using System.Text.Json.Nodes;

namespace ChatApi.Backends.Recording;

/// <summary>What a cassette never holds: credentials, the configured headers and request fields.</summary>
public sealed class Redaction(RecordingOptions options)
{
    public const string Placeholder = "[redacted]";

    // Response headers worth replaying; everything else (dates, ids, timings, cookies) changes per call or leaks.
    static readonly string[] UsualHeaders = ["content-type", "retry-after", "retry-after-ms", "openai-model", "openai-version"];
    static readonly string[] UsualHeaderPrefixes = ["x-ratelimit-"];

    // Never written, whatever the configuration says.
    static readonly string[] Credentials = ["authorization", "proxy-authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie", "set-cookie"];

    readonly HashSet<string> _kept = new(options.KeepHeaders.Select(h => h.ToLowerInvariant()));
    readonly HashSet<string> _dropped = new(options.RedactHeaders.Select(h => h.ToLowerInvariant()).Concat(Credentials));
    readonly string[][] _fields = [.. options.RedactFields.Select(f => f.Split('.'))];

    /// <summary>The response headers a cassette keeps, lower-cased and sorted.</summary>
    public SortedDictionary<string, string> Headers(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var lower = name.ToLowerInvariant();
            if (_dropped.Contains(lower))
                continue;
            if (_kept.Contains(lower) || UsualHeaders.Contains(lower) || UsualHeaderPrefixes.Any(p => lower.StartsWith(p, StringComparison.Ordinal)))
                kept[lower] = kept.TryGetValue(lower, out var before) ? before + ", " + value : value;
        }
        return kept;
    }

    /// <summary>A copy of the request with the configured fields replaced by <see cref="Placeholder"/>.</summary>
    public JsonNode? Request(JsonNode? request)
    {
        var copy = request?.DeepClone();
        foreach (var path in _fields)
            Redact(copy, path, 0);
        return copy;
    }

    static void Redact(JsonNode? node, string[] path, int depth)
    {
        var name = path[depth];
        var last = depth == path.Length - 1;
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in name == "*" ? obj.Select(p => p.Key).ToList() : obj.ContainsKey(name) ? [name] : [])
                {
                    if (last)
                        obj[key] = Placeholder;
                    else
                        Redact(obj[key], path, depth + 1);
                }
                break;
            case JsonArray array when name == "*" || int.TryParse(name, out _):
                for (var i = 0; i < array.Count; i++)
                {
                    if (name != "*" && name != i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        continue;
                    if (last)
                        array[i] = Placeholder;
                    else
                        Redact(array[i], path, depth + 1);
                }
                break;
        }
    }
}
