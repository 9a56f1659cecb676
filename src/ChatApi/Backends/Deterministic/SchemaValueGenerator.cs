using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Backends.Deterministic.Patterns;
using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// Makes a JSON value that validates against a JSON Schema, picking every free choice from a seeded
/// <see cref="Random"/>: tool-call arguments and <c>json_schema</c> replies both come from here.
/// Understands <c>type</c> (also as an array, e.g. <c>["string","null"]</c>), <c>enum</c>, <c>const</c>,
/// <c>properties</c>/<c>required</c>, <c>items</c>/<c>prefixItems</c> with <c>minItems</c>/<c>maxItems</c>,
/// <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>, local <c>$ref</c> into <c>$defs</c>/<c>definitions</c>,
/// number bounds and <c>multipleOf</c>, string lengths, the common <c>format</c>s and <c>pattern</c> (see <see cref="PatternCache"/>).
/// </summary>
public sealed class SchemaValueGenerator(JsonElement root, Random random)
{
    // From this depth on, only what the schema requires is added; a recursive $ref that requires itself stops at HardDepth.
    const int MaxDepth = 12;
    const int HardDepth = 64;

    // Past this many values, only what the schema requires is added, so recursive schemas stay small.
    const int ValueBudget = 200;

    // Past this many, every further value is null: a schema that requires its own recursion, or nests large minItems,
    // would otherwise grow without bound (each $ref level doubling, each minItems level multiplying).
    const int HardValueBudget = 10_000;

    // Integer bounds are kept within what a double holds exactly, so the arithmetic below cannot overflow.
    const long MaxSafeInteger = 1L << 53;

    int _values;

    static readonly string[] Words =
    [
        "alpha", "bravo", "sample", "value", "example", "steady", "simple", "north", "river", "green",
        "quick", "plan", "detail", "signal", "orbit", "harbor", "maple", "copper", "summit", "lantern",
    ];

    public static string GenerateText(JsonElement schema, Random random) =>
        new SchemaValueGenerator(schema, random).Generate(schema)?.ToJsonString(ChatApiJson.Options) ?? "null";

    public JsonNode? Generate(JsonElement schema, int depth = 0)
    {
        if (++_values > HardValueBudget)
            return null;
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
            return JsonValue.Create(Word());
        if (schema.TryGetProperty("$ref", out var reference) && Resolve(reference.GetString()) is { } target)
            return depth >= HardDepth ? null : Generate(target, depth + 1);
        if (schema.TryGetProperty("const", out var constant))
            return JsonNode.Parse(constant.GetRawText());
        if (schema.TryGetProperty("enum", out var options) && options.GetArrayLength() > 0)
            return JsonNode.Parse(options[random.Next(options.GetArrayLength())].GetRawText());
        if ((Branches(schema, "anyOf") ?? Branches(schema, "oneOf")) is { Count: > 0 } branches)
            return Generate(Pick(branches, depth), depth + 1);
        if (Branches(schema, "allOf") is { Count: > 0 } parts)
            return Merge(parts.Select(p => Generate(p, depth + 1)));

        return TypeOf(schema, depth) switch
        {
            "object" => ObjectValue(schema, depth),
            "array" => ArrayValue(schema, depth),
            "integer" => JsonValue.Create(IntegerValue(schema)),
            "number" => JsonValue.Create(NumberValue(schema)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "null" => null,
            _ => JsonValue.Create(StringValue(schema)),
        };
    }

    string TypeOf(JsonElement schema, int depth)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
                return type.GetString()!;
            if (type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Select(t => t.GetString() ?? "string").ToList();
                var concrete = types.Where(t => t != "null").ToList();
                // Mostly the concrete type, sometimes null; always null when deep in a recursive schema.
                if (types.Contains("null") && (concrete.Count == 0 || Tight(depth) || random.Next(4) == 0))
                    return "null";
                return concrete[random.Next(concrete.Count)];
            }
        }
        if (schema.TryGetProperty("properties", out _))
            return "object";
        if (schema.TryGetProperty("items", out _) || schema.TryGetProperty("prefixItems", out _))
            return "array";
        return "string";
    }

    JsonObject ObjectValue(JsonElement schema, int depth)
    {
        var value = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return value;

        var required = schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet()
            : [];
        foreach (var property in properties.EnumerateObject())
        {
            // Optional properties appear half the time, and never past the depth limit.
            if (!required.Contains(property.Name) && (Tight(depth) || random.Next(2) == 0))
                continue;
            value[property.Name] = Generate(property.Value, depth + 1);
        }
        return value;
    }

    JsonArray ArrayValue(JsonElement schema, int depth)
    {
        var value = new JsonArray();
        var prefix = Branches(schema, "prefixItems") ?? [];
        foreach (var item in prefix)
            value.Add(Generate(item, depth + 1));

        var min = Math.Max(Int(schema, "minItems") ?? 0, prefix.Count);
        var max = Int(schema, "maxItems") ?? min + 3;
        var count = Tight(depth) ? min : random.Next(Math.Max(min, Math.Min(1, max)), Math.Max(min, max) + 1);
        var items = schema.TryGetProperty("items", out var itemSchema) && itemSchema.ValueKind == JsonValueKind.Object ? itemSchema : default;
        var unique = schema.TryGetProperty("uniqueItems", out var u) && u.ValueKind == JsonValueKind.True;
        for (var attempts = 0; value.Count < count && attempts < count * 8 && _values <= HardValueBudget; attempts++)
        {
            var item = items.ValueKind == JsonValueKind.Object ? Generate(items, depth + 1) : JsonValue.Create(Word());
            if (unique && value.Any(v => JsonNode.DeepEquals(v, item)))
                continue;
            value.Add(item);
        }
        return value;
    }

    const long WideIntegerRange = 1_000_000_000;

    long IntegerValue(JsonElement schema)
    {
        var min = Safe(Math.Ceiling(Number(schema, "minimum") ?? (Math.Floor(Number(schema, "exclusiveMinimum") ?? -1) + 1)));
        var max = Safe(Math.Floor(Number(schema, "maximum") ?? (Math.Ceiling(Number(schema, "exclusiveMaximum") ?? min + 101) - 1)));
        if (max < min)
            max = min;
        var step = Safe(Number(schema, "multipleOf") ?? 1);
        // zod's .int() bounds every integer by ±(2^53 − 1): a draw from all of that reads like noise (-6826246103472211),
        // so a range that wide gives a small value inside it, as a model would write.
        if (max - min > WideIntegerRange)
        {
            var width = Math.Max(100, step * 10);
            var near = Math.Clamp(0, min, max);
            (min, max) = near == max ? (Math.Max(min, max - width), max) : (near, Math.Min(max, near + width));
        }
        if (step <= 1)
            return min + random.NextInt64(max - min + 1);
        var first = (long)Math.Ceiling(min / (double)step) * step;
        var steps = Math.Max(0, (max - first) / step);
        return first + step * random.NextInt64(steps + 1);
    }

    double NumberValue(JsonElement schema)
    {
        var exclusiveMin = Number(schema, "exclusiveMinimum");
        var exclusiveMax = Number(schema, "exclusiveMaximum");
        var min = Number(schema, "minimum") ?? exclusiveMin ?? 0;
        var max = Number(schema, "maximum") ?? exclusiveMax ?? min + 100;
        if (Number(schema, "multipleOf") is { } step and > 0)
        {
            var first = Math.Ceiling(min / step);
            var last = Math.Floor(max / step);
            // Draw among at most 2^53 multiples, so a tiny step over a wide range stays in range of a long.
            var k = last < first || !double.IsFinite(last - first) ? first : first + random.NextInt64((long)Math.Min(last - first, MaxSafeInteger) + 1);
            return Finite(Math.Round(k * step, 10), min, max);
        }
        var value = Math.Round(min + random.NextDouble() * (max - min), 2);
        if (value <= exclusiveMin || value >= exclusiveMax || value < min || value > max)
            value = min / 2 + max / 2;
        return Finite(value, min, max);
    }

    string StringValue(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var text = format switch
        {
            "date-time" => Date().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "date" => Date().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => Date().ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "email" => $"{Word()}.{Word()}@example.com",
            "uri" or "url" => $"https://example.com/{Word()}/{random.Next(1000)}",
            "hostname" => $"{Word()}.example.com",
            "uuid" => Uuid().ToString(),
            "ipv4" => $"192.0.2.{random.Next(1, 255)}",
            "ipv6" => $"2001:db8::{random.Next(1, 0xffff):x}",
            "duration" => $"PT{random.Next(1, 60)}M",
            _ => $"{Word()} {Word()}",
        };

        var minLength = Int(schema, "minLength") ?? 0;
        var maxLength = Int(schema, "maxLength");
        while (text.Length < minLength)
            text += " " + Word();
        text = maxLength is { } max && text.Length > max ? text[..max] : text;

        // A pattern decides; the format's value stays when it matches too (e.g. an email under zod's email regex).
        if (schema.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String
            && PatternCache.Get(p.GetString()!, minLength, maxLength).Pattern is { } pattern)
            return format is not null && pattern.Matches(text) ? text : pattern.Generate(random);
        return text;
    }

    static long Safe(double value) => (long)Math.Clamp(value, -MaxSafeInteger, MaxSafeInteger);

    // JSON has no infinity; an extreme schema gets a value at its bounds, clamped to what a double can write.
    static double Finite(double value, double min, double max) =>
        double.IsFinite(value) ? value : double.IsFinite(min) ? min : double.IsFinite(max) ? max : 0;

    bool Tight(int depth) => depth >= MaxDepth || _values >= ValueBudget;

    DateTime Date() => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 3 * 365 * 24 * 3600));

    Guid Uuid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0f | 0x40);  // version 4, as Guid lays out its bytes
        bytes[8] = (byte)(bytes[8] & 0x3f | 0x80);  // RFC 4122 variant
        return new Guid(bytes);
    }

    string Word() => Words[random.Next(Words.Length)];

    JsonElement Pick(List<JsonElement> branches, int depth)
    {
        // Past the depth limit, prefer a branch that ends the recursion.
        if (Tight(depth) && branches.FirstOrDefault(b => !b.TryGetProperty("$ref", out _)) is { ValueKind: JsonValueKind.Object } leaf)
            return leaf;
        return branches[random.Next(branches.Count)];
    }

    static JsonNode? Merge(IEnumerable<JsonNode?> values)
    {
        JsonNode? merged = null;
        foreach (var value in values)
        {
            if (merged is JsonObject target && value is JsonObject source)
            {
                foreach (var (key, item) in source.ToList())
                {
                    source.Remove(key);
                    target[key] = item;
                }
            }
            else
                merged ??= value;
        }
        return merged;
    }

    JsonElement? Resolve(string? reference)
    {
        if (reference is null || !reference.StartsWith('#'))
            return null;
        var current = root;
        foreach (var segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }
        return current;
    }

    static List<JsonElement>? Branches(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : null;

    static int? Int(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? (int)Math.Min(v.GetDouble(), 1_000) : null;

    static double? Number(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
