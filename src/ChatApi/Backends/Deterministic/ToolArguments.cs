using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatApi.Backends.Deterministic.Patterns;
using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// The arguments of a generated tool or legacy function call: a value of its <c>parameters</c> schema, in which a top-level
/// string parameter takes a value the last user message names when the parameter's name or description asks for that kind of
/// value and the value satisfies the parameter's schema (<c>enum</c>, <c>const</c>, <c>pattern</c>, <c>format</c>, lengths):
/// <list type="bullet">
/// <item>email (or <c>format: email</c>) → the first email address;</item>
/// <item>date, day, when (or <c>format: date</c>) → the first ISO date (<c>2025-03-14</c>);</item>
/// <item>number, id, zip, code, phone, amount, count, quantity, year, age → the first number;</item>
/// <item>city, location, place, country, name, query, title, … → the first quoted text, else capitalised word or phrase
/// (<c>get_weather(city)</c> after "What's the weather in Paris?" → <c>"Paris"</c>);</item>
/// <item>an <c>enum</c> → the member the message names, ignoring case ("in Celsius" → <c>"celsius"</c>).</item>
/// </list>
/// A value goes to one parameter only. Everything else is generated as before, from the same seed, so the reply stays deterministic.
/// </summary>
public static partial class ToolArguments
{
    static readonly string[] EntityWords =
    [
        "city", "town", "location", "place", "country", "state", "region", "destination", "origin", "address", "name", "person",
        "user", "company", "title", "query", "topic", "subject", "term", "keyword", "search", "product", "item", "language",
        "team", "artist", "movie", "book", "song", "symbol", "ticker", "brand", "category", "tag", "label", "from", "to", "q",
    ];

    public static string For(FunctionDefinition function, CreateChatCompletionRequest request, Random random)
    {
        if (function.Parameters is not { } schema)
            return "{}";
        var generated = SchemaValueGenerator.GenerateText(schema, random);
        var prompt = request.Messages?.LastOrDefault(m => m.Role == MessageRoles.User)?.Content?.PlainText;
        if (string.IsNullOrWhiteSpace(prompt) || schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || JsonNode.Parse(generated) is not JsonObject arguments)
            return generated;

        var values = ConversationValues.Of(prompt);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object || !IsString(property.Value))
                continue;
            if (Candidates(property.Name, property.Value, values).FirstOrDefault(v => !used.Contains(v) && Accepts(property.Value, v)) is { } value)
            {
                arguments[property.Name] = Enumerated(property.Value, value) ?? value;
                used.Add(value);
                changed = true;
            }
        }
        return changed ? arguments.ToJsonString(ChatApiJson.Options) : generated;
    }

    static IEnumerable<string> Candidates(string name, JsonElement schema, ConversationValues values)
    {
        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array)
            return values.Words;
        var asks = $"{string.Join(' ', NameWords().Matches(name).Select(m => m.Value))} {Text(schema, "description")}".ToLowerInvariant();
        var format = Text(schema, "format");
        if (format == "email" || Asks(asks, "email", "e-mail"))
            return values.Emails;
        if (format == "date" || Asks(asks, "date", "day", "when", "birthday", "deadline"))
            return values.Dates;
        if (Asks(asks, "number", "id", "zip", "zipcode", "postcode", "code", "phone", "amount", "count", "quantity", "year", "age"))
            return values.Numbers;
        if (format is null && Asks(asks, EntityWords))
            return values.Quoted.Concat(values.Names);
        return [];
    }

    static bool Asks(string text, params string[] words) =>
        AskedWords().Matches(text).Any(m => words.Contains(m.Value));

    /// <summary>Whether the value satisfies the parameter's own schema, so using it never breaks validation.</summary>
    static bool Accepts(JsonElement schema, string value)
    {
        if (schema.TryGetProperty("const", out var constant))
            return constant.ValueKind == JsonValueKind.String && constant.GetString() == value;
        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array)
            return Enumerated(schema, value) is not null;
        var minLength = Int(schema, "minLength") ?? 0;
        var maxLength = Int(schema, "maxLength");
        if (value.Length < minLength || value.Length > maxLength)
            return false;
        if (schema.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String
            && PatternCache.Get(p.GetString()!, minLength, maxLength).Pattern?.Matches(value) != true)
            return false;
        return Text(schema, "format") switch
        {
            "email" => value.Contains('@'),
            "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            null => true,
            _ => false,  // other formats (uri, uuid, date-time…) keep their generated value
        };
    }

    /// <summary>The enum member equal to the value, ignoring case.</summary>
    static string? Enumerated(JsonElement schema, string value) =>
        schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array
            ? options.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!)
                .FirstOrDefault(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase))
            : null;

    static bool IsString(JsonElement schema) =>
        schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.String && type.GetString() == "string"
              || type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "string")
            : schema.TryGetProperty("enum", out _);

    static string? Text(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static int? Int(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? (int)Math.Min(v.GetDouble(), 1_000) : null;

    // snake_case, kebab-case and camelCase names into words.
    [GeneratedRegex("[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")]
    private static partial Regex NameWords();

    [GeneratedRegex("[a-z-]+")]
    private static partial Regex AskedWords();
}
