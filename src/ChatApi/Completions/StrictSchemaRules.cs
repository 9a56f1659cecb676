using System.Text.Json;

namespace ChatApi.Completions;

/// <summary>
/// What OpenAI demands of a schema sent with <c>strict: true</c>: every object lists all its properties in <c>required</c>
/// and sets <c>additionalProperties: false</c>. Returns OpenAI's complaint about the first breach, or null.
/// </summary>
public static class StrictSchemaRules
{
    public static string? FirstBreach(JsonElement schema) => Check(schema, []);

    static string? Check(JsonElement schema, List<string> path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return null;

        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (IsObject(schema) || properties.ValueKind == JsonValueKind.Object)
        {
            if (!schema.TryGetProperty("additionalProperties", out var extra) || extra.ValueKind != JsonValueKind.False)
                return $"In context={Context(path)}, 'additionalProperties' is required to be supplied and to be false.";
            var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(n => n.GetString()).ToHashSet()
                : [];
            var names = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(q => q.Name) : [];
            if (names.FirstOrDefault(n => !required.Contains(n)) is { } missing)
                return $"In context={Context(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '{missing}'.";
        }

        var nested = new List<(JsonElement Schema, string[] Segments)>();
        if (properties.ValueKind == JsonValueKind.Object)
            nested.AddRange(properties.EnumerateObject().Select(q => (q.Value, new[] { "properties", q.Name })));
        if (schema.TryGetProperty("items", out var items))
            nested.Add((items, ["items"]));
        foreach (var keyword in new[] { "anyOf", "prefixItems" })
        {
            if (schema.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
                nested.AddRange(list.EnumerateArray().Select((b, i) => (b, new[] { keyword, i.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        }
        foreach (var keyword in new[] { "$defs", "definitions" })
        {
            if (schema.TryGetProperty(keyword, out var defs) && defs.ValueKind == JsonValueKind.Object)
                nested.AddRange(defs.EnumerateObject().Select(d => (d.Value, new[] { keyword, d.Name })));
        }

        foreach (var (child, segments) in nested)
        {
            if (Check(child, [.. path, .. segments]) is { } breach)
                return breach;
        }
        return null;
    }

    static bool IsObject(JsonElement schema) =>
        schema.TryGetProperty("type", out var type)
        && (type.ValueKind == JsonValueKind.String && type.GetString() == "object"
            || type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "object"));

    // OpenAI prints the path as a Python tuple: (), ('properties',), ('properties', 'address').
    static string Context(List<string> path) => path.Count switch
    {
        0 => "()",
        1 => $"('{path[0]}',)",
        _ => "(" + string.Join(", ", path.Select(s => $"'{s}'")) + ")",
    };
}
