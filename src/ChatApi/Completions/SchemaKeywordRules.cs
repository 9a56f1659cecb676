using System.Globalization;
using System.Text.Json;
using ChatApi.Errors;

namespace ChatApi.Completions;

/// <summary>
/// Whether every keyword of a JSON Schema has the type the JSON Schema meta-schema gives it (<c>type</c> a type name or a
/// non-empty list of them, <c>required</c> a list of strings, <c>maxLength</c> a non-negative integer, <c>$ref</c> a string, …),
/// so nothing that reads the schema later meets a value it cannot use. Returns the first breach with its path, or null.
/// </summary>
public static class SchemaKeywordRules
{
    /// <summary>A breach: the path below the schema (<c>properties.city.type</c>) and OpenAI-style wording of it.</summary>
    public sealed record Breach(string Path, string Complaint);

    static readonly string[] TypeNames = ["string", "number", "integer", "boolean", "object", "array", "null"];

    static readonly string[] Counts = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains"];
    static readonly string[] Bounds = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
    static readonly string[] Strings = ["$ref", "format", "pattern", "$id", "$schema", "$anchor", "title", "description", "contentEncoding", "contentMediaType"];
    static readonly string[] SubSchemas = ["additionalProperties", "not", "contains", "propertyNames", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "additionalItems"];
    static readonly string[] SchemaLists = ["anyOf", "oneOf", "allOf", "prefixItems"];
    static readonly string[] SchemaMaps = ["properties", "$defs", "definitions", "patternProperties", "dependentSchemas"];
    static readonly string[] Booleans = ["uniqueItems"];

    /// <summary>Checks a root schema, which must be an object.</summary>
    public static Breach? FirstBreach(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
            ? Check(schema, [])
            : new Breach("", $"schema must be a JSON object, but got {Kind(schema)} instead.");

    static Breach? Check(JsonElement schema, List<string> path)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return null;
        if (schema.ValueKind != JsonValueKind.Object)
            return At(path, null, $"a schema must be an object or a boolean, but got {Kind(schema)} instead");

        foreach (var keyword in schema.EnumerateObject())
        {
            var name = keyword.Name;
            var value = keyword.Value;
            var problem = name switch
            {
                "type" => TypeProblem(value),
                "enum" => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 ? null : "must be a non-empty array",
                "required" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
                    ? null : "must be an array of strings",
                "multipleOf" => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var step) && step > 0 && double.IsFinite(step) ? null : "must be a number greater than 0",
                "items" => value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Array
                    ? null : "must be a schema",
                _ when Counts.Contains(name) => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) && n >= 0 && double.IsFinite(n) && n == Math.Floor(n)
                    ? null : "must be a non-negative integer",
                _ when Bounds.Contains(name) => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var bound) && double.IsFinite(bound) ? null : "must be a finite number",
                _ when Strings.Contains(name) => value.ValueKind == JsonValueKind.String ? null : "must be a string",
                _ when Booleans.Contains(name) => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be a boolean",
                _ when SubSchemas.Contains(name) => value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False ? null : "must be a schema",
                _ when SchemaLists.Contains(name) => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 ? null : "must be a non-empty array of schemas",
                _ when SchemaMaps.Contains(name) => value.ValueKind == JsonValueKind.Object ? null : "must be an object of schemas",
                _ => null,
            };
            if (problem is not null)
                return At(path, name, $"'{Excerpt.Of(name)}' {problem}, but got {Kind(value)} instead");
        }

        foreach (var (child, segments) in Children(schema))
        {
            if (Check(child, [.. path, .. segments]) is { } breach)
                return breach;
        }
        return null;
    }

    static string? TypeProblem(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when TypeNames.Contains(value.GetString()) => null,
        JsonValueKind.Array when value.GetArrayLength() > 0
            && value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String && TypeNames.Contains(t.GetString()))
            && value.EnumerateArray().Select(t => t.GetString()).Distinct().Count() == value.GetArrayLength() => null,
        _ => $"must be one of {string.Join(", ", TypeNames.Select(t => $"'{t}'"))}, or a non-empty array of them",
    };

    static IEnumerable<(JsonElement Schema, string[] Segments)> Children(JsonElement schema)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            var name = keyword.Name;
            var value = keyword.Value;
            if (SchemaMaps.Contains(name))
            {
                foreach (var entry in value.EnumerateObject())
                    yield return (entry.Value, [name, entry.Name]);
            }
            else if (SchemaLists.Contains(name) || name == "items" && value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    yield return (item, [name, $"[{(i++).ToString(CultureInfo.InvariantCulture)}]"]);
            }
            else if (SubSchemas.Contains(name) || name == "items")
                yield return (value, [name]);
        }
    }

    static Breach At(List<string> path, string? keyword, string problem)
    {
        var segments = keyword is null ? path : [.. path, keyword];
        return new Breach(Param(segments), $"In context={Context(path)}, {problem}.");
    }

    /// <summary>The path as a <c>param</c>: names joined by dots, list positions in brackets, each name cut short and escaped.</summary>
    static string Param(IEnumerable<string> segments) =>
        string.Concat(segments.Select((s, i) => IsIndex(s) ? s : i == 0 ? Excerpt.Of(s) : "." + Excerpt.Of(s)));

    static bool IsIndex(string segment) => segment is ['[', .., ']'];

    // OpenAI prints the path as a Python tuple: (), ('properties',), ('properties', 'address').
    static string Context(List<string> path) => path.Count switch
    {
        0 => "()",
        1 => $"({Segment(path[0])},)",
        _ => "(" + string.Join(", ", path.Select(Segment)) + ")",
    };

    static string Segment(string s) => IsIndex(s) ? $"'{s[1..^1]}'" : $"'{Excerpt.Of(s)}'";

    static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"'{Excerpt.Of(value.GetString())}'",
        JsonValueKind.Number => Excerpt.Of(value.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };
}
