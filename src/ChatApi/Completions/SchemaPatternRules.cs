using System.Text.Json;
using ChatApi.Backends.Deterministic.Patterns;

namespace ChatApi.Completions;

/// <summary>
/// Finds the first <c>pattern</c> in a schema that strings cannot be generated for (not a valid regular expression, unsatisfiable,
/// alone or with the string's <c>minLength</c>/<c>maxLength</c>, or beyond the generator), so the request is refused
/// before any reply rather than answered with output that does not validate.
/// </summary>
public static class SchemaPatternRules
{
    const int MaxDepth = 64;

    static readonly string[] SchemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
    static readonly string[] SchemaLists = ["anyOf", "oneOf", "allOf", "prefixItems"];
    static readonly string[] SchemaValues = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"];

    /// <summary>The path of the breach (schema keywords and names) and OpenAI-style words for it, or null.</summary>
    public static (IReadOnlyList<string> Path, string Reason)? FirstBreach(JsonElement schema) => Check(schema, [], 0);

    static (IReadOnlyList<string>, string)? Check(JsonElement schema, List<string> path, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
            return null;
        if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
        {
            var (_, problem) = PatternCache.Get(pattern.GetString()!, Int(schema, "minLength") ?? 0, Int(schema, "maxLength"));
            if (problem is not null)
                return (path, $"'pattern' {Quote(pattern.GetString()!)} {problem}.");
        }

        foreach (var keyword in SchemaMaps)
        {
            if (schema.TryGetProperty(keyword, out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var child in map.EnumerateObject())
                {
                    if (Check(child.Value, [.. path, keyword, child.Name], depth + 1) is { } breach)
                        return breach;
                }
            }
        }
        foreach (var keyword in SchemaLists.Concat(SchemaValues))
        {
            if (!schema.TryGetProperty(keyword, out var value))
                continue;
            if (value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var child in value.EnumerateArray())
                {
                    if (Check(child, [.. path, keyword, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture)], depth + 1) is { } breach)
                        return breach;
                }
            }
            else if (Check(value, [.. path, keyword], depth + 1) is { } breach)
                return breach;
        }
        return null;
    }

    // The same lengths the generator reads.
    static int? Int(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? (int)Math.Min(v.GetDouble(), 1_000) : null;

    static string Quote(string pattern) => pattern.Length <= 80 ? $"'{pattern}'" : $"'{pattern[..77]}...'";

    /// <summary>OpenAI's tuple form of a schema path: <c>()</c>, <c>('properties',)</c>, <c>('properties', 'zip')</c>.</summary>
    public static string Context(IReadOnlyList<string> path) => path.Count switch
    {
        0 => "()",
        1 => $"('{path[0]}',)",
        _ => "(" + string.Join(", ", path.Select(s => $"'{s}'")) + ")",
    };

    /// <summary>The dotted parameter path under <paramref name="root"/>: <c>response_format.json_schema.schema.properties.zip.pattern</c>.</summary>
    public static string Param(string root, IReadOnlyList<string> path) =>
        string.Join('.', [root, .. path, "pattern"]);
}
