using System.Text.Json;
using System.Text.RegularExpressions;
using ChatApi.Completions;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses;

namespace ChatApi.Responses;

/// <summary>Checks a <c>POST /v1/responses</c> body's settings against OpenAI's limits; <see cref="Translation.InputTranslator"/> checks <c>input</c>.</summary>
public static partial class CreateResponseValidator
{
    static readonly string[] ServiceTiers = ["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"];
    static readonly string[] ReasoningEfforts = ["none", "minimal", "low", "medium", "high", "xhigh"];
    static readonly string[] ReasoningSummaries = ["auto", "concise", "detailed"];
    static readonly string[] Verbosities = ["low", "medium", "high"];
    static readonly string[] Truncations = ["auto", "disabled"];
    static readonly string[] ToolChoiceModes = [ToolChoice.None, ToolChoice.Auto, ToolChoice.Required];
    static readonly string[] FormatTypes = [ResponseFormat.TextType, ResponseFormat.JsonObjectType, ResponseFormat.JsonSchemaType];

    static readonly string[] Includes =
    [
        "message.output_text.logprobs", "reasoning.encrypted_content", "message.input_image.image_url",
        "file_search_call.results", "web_search_call.results", "web_search_call.action.sources",
        "computer_call_output.output.image_url", "code_interpreter_call.outputs",
    ];

    public static Error? Validate(CreateResponse r) =>
        string.IsNullOrWhiteSpace(r.Model) ? Problems.Missing("model", "Missing required parameter: 'model'.")
        : r.Input is null && r.PreviousResponseId is null ? Problems.Missing("input")
        : Problems.Range("temperature", r.Temperature, 0, 2)
        ?? Problems.Range("top_p", r.TopP, 0, 1)
        ?? Problems.Range("top_logprobs", r.TopLogprobs, 0, 20)
        ?? Problems.Range("max_output_tokens", r.MaxOutputTokens, 16, int.MaxValue)
        ?? Problems.Range("max_tool_calls", r.MaxToolCalls, 1, int.MaxValue)
        ?? MetadataValidator.Validate(r.Metadata)
        ?? (r.StreamOptions is not null && r.Stream != true
            ? Problems.Invalid("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.")
            : null)
        ?? (r.Background == true
            ? Problems.Invalid("background", "Background mode is not supported by this server.", "unsupported_parameter")
            : null)
        ?? (r.Conversation is { ValueKind: not JsonValueKind.Null }
            ? Problems.Invalid("conversation", "Conversations are not supported by this server; use 'previous_response_id'.", "unsupported_parameter")
            : null)
        ?? (r.Prompt is { ValueKind: not JsonValueKind.Null }
            ? Problems.Invalid("prompt", "Prompt templates are not supported by this server.", "unsupported_parameter")
            : null)
        ?? Problems.OneOf("truncation", r.Truncation, Truncations)
        ?? Problems.OneOf("service_tier", r.ServiceTier, ServiceTiers)
        ?? Problems.OneOf("reasoning.effort", r.Reasoning?.Effort, ReasoningEfforts)
        ?? Problems.OneOf("reasoning.summary", r.Reasoning?.Summary, ReasoningSummaries)
        ?? Problems.OneOf("text.verbosity", r.Text?.Verbosity, Verbosities)
        ?? ValidateIncludes(r.Include)
        ?? ValidateFormat(r.Text?.Format)
        ?? ValidateTools(r.Tools)
        ?? ValidateToolChoice(r.ToolChoice, r.Tools);

    static Error? ValidateIncludes(IReadOnlyList<string>? include)
    {
        for (var i = 0; i < (include?.Count ?? 0); i++)
            if (Problems.OneOf($"include[{i}]", include![i], Includes) is { } bad)
                return bad;
        return null;
    }

    static Error? ValidateFormat(ResponseTextFormat? format)
    {
        if (format is null)
            return null;
        if (format.Type is null)
            return Problems.Missing("text.format.type");
        if (Problems.OneOf("text.format.type", format.Type, FormatTypes) is { } bad)
            return bad;
        if (format.Type != ResponseFormat.JsonSchemaType)
            return null;
        if (format.Name is null)
            return Problems.Missing("text.format.name");
        if (!ValidName(format.Name))
            return Problems.Invalid("text.format.name", "Invalid 'text.format.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", "invalid_value");
        if (format.Schema is null)
            return Problems.Missing("text.format.schema");
        if (format.Schema is { ValueKind: not JsonValueKind.Object })
            return Problems.Invalid("text.format.schema", "Invalid type for 'text.format.schema': expected an object.", "invalid_type");
        return format is { Strict: true, Schema: { } schema } && StrictSchemaRules.FirstBreach(schema) is { } breach
            ? Problems.Invalid("text.format.schema", $"Invalid schema for response_format '{format.Name}': {breach}", "invalid_json_schema")
            : null;
    }

    static Error? ValidateTools(IReadOnlyList<ResponseTool>? tools)
    {
        for (var i = 0; i < (tools?.Count ?? 0); i++)
        {
            var p = $"tools[{i}]";
            var tool = tools![i];
            if (tool?.Type is null)
                return Problems.Missing($"{p}.type");
            if (tool.Type != "function")
                return Problems.Invalid($"{p}.type", $"Tool type '{tool.Type}' is not supported by this server; only 'function' tools are.", "unsupported_value");
            if (tool.Name is not { } name)
                return Problems.Missing($"{p}.name");
            if (!ValidName(name))
                return Problems.Invalid($"{p}.name", $"Invalid '{p}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", "invalid_value");
            if (tool.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
                return Problems.Invalid($"{p}.parameters", $"Invalid type for '{p}.parameters': expected an object.", "invalid_type");
            if (tool is { Strict: true, Parameters: { ValueKind: JsonValueKind.Object } parameters } && StrictSchemaRules.FirstBreach(parameters) is { } breach)
                return Problems.Invalid($"{p}.parameters", $"Invalid schema for function '{name}': {breach}", "invalid_function_parameters");
        }
        return null;
    }

    static Error? ValidateToolChoice(JsonElement? choice, IReadOnlyList<ResponseTool>? tools)
    {
        switch (choice)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } mode:
                return Problems.OneOf("tool_choice", mode.GetString(), ToolChoiceModes)
                    ?? (mode.GetString() == ToolChoice.Required && tools is not { Count: > 0 }
                        ? Problems.Invalid("tool_choice", "Tool choice 'required' must be specified with 'tools' parameter.")
                        : null);
            case { ValueKind: JsonValueKind.Object } o:
                var type = o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (type is null)
                    return Problems.Missing("tool_choice.type");
                if (type != "function")
                    return Problems.Invalid("tool_choice.type", $"Tool choice type '{type}' is not supported by this server; use 'function', or a mode.", "unsupported_value");
                if (!o.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
                    return Problems.Missing("tool_choice.name");
                return tools?.Any(tool => tool.Name == n.GetString()) == true
                    ? null
                    : Problems.Invalid("tool_choice", $"Tool choice '{n.GetString()}' not found in 'tools' parameter.", "invalid_value");
            default:
                return Problems.Invalid("tool_choice", "Invalid type for 'tool_choice': expected a string or an object.", "invalid_type");
        }
    }

    static bool ValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,128}$")]
    private static partial Regex NamePattern();
}
