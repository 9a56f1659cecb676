using System.Globalization;
using ChatApi.Contracts;
using ChatApi.Errors;

namespace ChatApi.Completions;

/// <summary>OpenAI's wording for the common kinds of bad parameter.</summary>
public static class Problems
{
    public static Error Invalid(string param, string message, string? code = null) =>
        new(message, OpenAIErrors.InvalidRequest, param, code);

    public static Error Missing(string param, string? message = null) =>
        Invalid(param, message ?? $"Missing required parameter: '{param}'.", "missing_required_parameter");

    public static Error? Range(string param, double? value, double min, double max) => value switch
    {
        null => null,
        var v when v < min => Invalid(param, $"Invalid '{param}': decimal below minimum value. Expected a value >= {Text(min)}, but got {Text(v.Value)} instead.", "decimal_below_min_value"),
        var v when v > max => Invalid(param, $"Invalid '{param}': decimal above maximum value. Expected a value <= {Text(max)}, but got {Text(v.Value)} instead.", "decimal_above_max_value"),
        _ => null,
    };

    public static Error? Range(string param, long? value, long min, long max) => value switch
    {
        null => null,
        var v when v < min => Invalid(param, $"Invalid '{param}': integer below minimum value. Expected a value >= {min}, but got {v} instead.", "integer_below_min_value"),
        var v when v > max => Invalid(param, $"Invalid '{param}': integer above maximum value. Expected a value <= {max}, but got {v} instead.", "integer_above_max_value"),
        _ => null,
    };

    public static Error? Length(string param, string? value, int max) =>
        value is { Length: var length } && length > max
            ? Invalid(param, $"Invalid '{param}': string too long. Expected a string with maximum length {max}, but got a string with length {length} instead.", "string_above_max_length")
            : null;

    public static Error? OneOf(string param, string? value, IReadOnlyList<string> allowed) =>
        value is null || allowed.Contains(value)
            ? null
            : Invalid(param, $"Invalid value: '{Excerpt.Of(value)}'. Supported values are: {Quoted(allowed)}.", "invalid_value");

    /// <summary>How an error message names the JSON type a value has: "an object", "a string", "null"…</summary>
    public static string KindOf(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => "an object",
        System.Text.Json.JsonValueKind.Array => "an array",
        System.Text.Json.JsonValueKind.String => "a string",
        System.Text.Json.JsonValueKind.Number => "a number",
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>An <c>after</c> cursor that names no item of the list being paged.</summary>
    public static Error UnknownCursor(string after) =>
        Invalid("after", $"Invalid 'after': no item with id '{Excerpt.Of(after)}' was found to continue from.", "invalid_value");

    static string Quoted(IReadOnlyList<string> values) =>
        values.Count == 1
            ? $"'{values[0]}'"
            : string.Join(", ", values.Take(values.Count - 1).Select(v => $"'{v}'")) + $", and '{values[^1]}'";

    static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
