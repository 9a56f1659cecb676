using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary><c>tool_choice</c>: a mode (<c>none</c>, <c>auto</c>, <c>required</c>) or an object naming a function.</summary>
[JsonConverter(typeof(ToolChoiceConverter))]
public sealed record ToolChoice
{
    public const string None = "none";
    public const string Auto = "auto";
    public const string Required = "required";

    /// <summary>The mode when <c>tool_choice</c> was a string.</summary>
    public string? Mode { get; init; }

    /// <summary>The object form, kept as sent.</summary>
    public JsonElement? Object { get; init; }

    /// <summary>The function the object form names, if any.</summary>
    public string? FunctionName =>
        Object is { ValueKind: JsonValueKind.Object } o
        && o.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object
        && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()
            : null;
}
