using System.Text.Json;
using ChatApi.Contracts;
using ChatApi.Errors;

namespace ChatApi.Completions;

/// <summary>
/// The object forms of <c>tool_choice</c>: <c>{"type":"function","function":{"name"}}</c>, <c>{"type":"custom","custom":{"name"}}</c>
/// and <c>{"type":"allowed_tools","allowed_tools":{"mode","tools":[…]}}</c>; the first member of the wrong type or missing, by path.
/// </summary>
public static class ToolChoiceShape
{
    static readonly string[] Types = ["function", "custom", "allowed_tools"];
    static readonly string[] Modes = [ToolChoice.Auto, ToolChoice.Required];

    public static Error? FirstProblem(JsonElement choice)
    {
        if (String(choice, "tool_choice", "type", out var type) is { } badType)
            return badType;
        if (Problems.OneOf("tool_choice.type", type, Types) is { } unknown)
            return unknown;
        if (type == "allowed_tools")
            return AllowedTools(choice);
        return Object(choice, "tool_choice", type!, out var named) ?? String(named, $"tool_choice.{type}", "name", out _);
    }

    static Error? AllowedTools(JsonElement choice)
    {
        const string p = "tool_choice.allowed_tools";
        if (Object(choice, "tool_choice", "allowed_tools", out var allowed) is { } bad)
            return bad;
        if ((String(allowed, p, "mode", out var mode) ?? Problems.OneOf($"{p}.mode", mode, Modes)) is { } badMode)
            return badMode;
        if (!allowed.TryGetProperty("tools", out var tools))
            return Problems.Missing($"{p}.tools");
        if (tools.ValueKind != JsonValueKind.Array)
            return WrongType($"{p}.tools", "an array", tools);
        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var t = $"{p}.tools[{i++}]";
            if (tool.ValueKind != JsonValueKind.Object)
                return WrongType(t, "an object", tool);
            if ((String(tool, t, "type", out var toolType) ?? Problems.OneOf($"{t}.type", toolType, ["function", "custom"])) is { } badToolType)
                return badToolType;
            if ((Object(tool, t, toolType!, out var named) ?? String(named, $"{t}.{toolType}", "name", out _)) is { } badName)
                return badName;
        }
        return null;
    }

    static Error? Object(JsonElement parent, string path, string name, out JsonElement value)
    {
        if (!parent.TryGetProperty(name, out value))
            return Problems.Missing($"{path}.{name}");
        return value.ValueKind == JsonValueKind.Object ? null : WrongType($"{path}.{name}", "an object", value);
    }

    static Error? String(JsonElement parent, string path, string name, out string? text)
    {
        text = null;
        if (!parent.TryGetProperty(name, out var value))
            return Problems.Missing($"{path}.{name}");
        if (value.ValueKind != JsonValueKind.String)
            return WrongType($"{path}.{name}", "a string", value);
        text = value.GetString();
        return null;
    }

    static Error WrongType(string param, string expected, JsonElement value) =>
        Problems.Invalid(param, $"Invalid type for '{param}': expected {expected}, but got {Problems.KindOf(value)} instead.", "invalid_type");

}
