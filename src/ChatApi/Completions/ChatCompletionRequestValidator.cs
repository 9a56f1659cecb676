using System.Text.Json;
using System.Text.RegularExpressions;
using ChatApi.Contracts;
using ChatApi.Errors;
using ChatApi.Limits;

namespace ChatApi.Completions;

/// <summary>Checks a create request against OpenAI's limits; the first problem found names its <c>param</c>.</summary>
public static partial class ChatCompletionRequestValidator
{
    static readonly string[] ServiceTiers = ["auto", "default", "flex", "scale", "priority", "fast"];
    static readonly string[] ReasoningEfforts = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];
    static readonly string[] Verbosities = ["low", "medium", "high"];
    static readonly string[] ToolChoiceModes = [ToolChoice.None, ToolChoice.Auto, ToolChoice.Required];
    static readonly string[] ResponseFormatTypes = [ResponseFormat.TextType, ResponseFormat.JsonObjectType, ResponseFormat.JsonSchemaType];

    public static Error? Validate(CreateChatCompletionRequest r, LimitsOptions? limits = null) =>
        string.IsNullOrWhiteSpace(r.Model) ? Problems.Missing("model", "you must provide a model parameter")
        : ValidateMessages(r.Messages, limits ?? LimitsOptions.Default)
        ?? Problems.Range("temperature", r.Temperature, 0, 2)
        ?? Problems.Range("top_p", r.TopP, 0, 1)
        ?? Problems.Range("frequency_penalty", r.FrequencyPenalty, -2, 2)
        ?? Problems.Range("presence_penalty", r.PresencePenalty, -2, 2)
        ?? Problems.Range("n", r.N, 1, 128)
        ?? Problems.Range("max_tokens", r.MaxTokens, 1, int.MaxValue)
        ?? Problems.Range("max_completion_tokens", r.MaxCompletionTokens, 1, int.MaxValue)
        ?? Problems.Range("top_logprobs", r.TopLogprobs, 0, 20)
        ?? (r.TopLogprobs is not null && r.Logprobs != true
            ? Problems.Invalid("top_logprobs", "'logprobs' must be set to true when 'top_logprobs' is used.")
            : null)
        ?? ValidateStop(r.Stop)
        ?? MetadataValidator.Validate(r.Metadata)
        ?? (r.Metadata is not null && r.Store != true
            ? Problems.Invalid("metadata", "The 'metadata' parameter is only allowed when 'store' is enabled.")
            : null)
        ?? (r.StreamOptions is not null && r.Stream != true
            ? Problems.Invalid("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.")
            : null)
        ?? ValidateLogitBias(r.LogitBias)
        ?? Problems.OneOf("service_tier", r.ServiceTier, ServiceTiers)
        ?? Problems.OneOf("reasoning_effort", r.ReasoningEffort, ReasoningEfforts)
        ?? Problems.OneOf("verbosity", r.Verbosity, Verbosities)
        ?? ValidateResponseFormat(r.ResponseFormat)
        ?? (r.ResponseFormat?.Type == ResponseFormat.JsonObjectType && !MentionsJson(r.Messages!)
            ? Problems.Invalid("messages", "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.")
            : null)
        ?? ValidateTools(r.Tools)
        ?? ValidateToolChoice(r.ToolChoice, r.Tools)
        ?? ValidateFunctions(r.Functions)
        ?? ValidateFunctionCall(r.FunctionCall, r.Functions);

    static Error? ValidateMessages(IReadOnlyList<ChatCompletionRequestMessage>? messages, LimitsOptions limits)
    {
        if (messages is null)
            return Problems.Missing("messages");
        if (messages.Count == 0)
            return Problems.Invalid("messages", "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "empty_array");
        if (messages.Count > limits.MaxMessages)
            return Problems.Invalid("messages", $"Invalid 'messages': array too long. Expected an array with maximum length {limits.MaxMessages}, but got an array with length {messages.Count} instead.", "array_above_max_length");

        for (var i = 0; i < messages.Count; i++)
        {
            var param = $"messages[{i}]";
            if (messages[i] is not { } message)
                return Problems.Invalid(param, $"Invalid type for '{param}': expected an object, but got null instead.", "invalid_type");
            if (message.Role is null)
                return Problems.Missing($"{param}.role");
            if (Problems.OneOf($"{param}.role", message.Role, MessageRoles.All) is { } badRole)
                return badRole;
            if (message.Content is null && message.Role is not (MessageRoles.Assistant or MessageRoles.Function))
                return Problems.Missing($"{param}.content");
            if (message.Role == MessageRoles.Tool && string.IsNullOrEmpty(message.ToolCallId))
                return Problems.Missing($"{param}.tool_call_id");
            if (message.Role == MessageRoles.Function && string.IsNullOrEmpty(message.Name))
                return Problems.Missing($"{param}.name");
            if (message.Content?.Parts is { } parts && ValidateParts($"{param}.content", parts) is { } badPart)
                return badPart;
            if (Problems.Length($"{param}.content", message.Content?.Text, limits.MaxStringLength) is { } tooLong)
                return tooLong;
            if (message.ToolCalls is { } calls && ValidateToolCalls($"{param}.tool_calls", calls) is { } badCall)
                return badCall;
        }
        return null;
    }

    static Error? ValidateToolCalls(string param, IReadOnlyList<ChatCompletionMessageToolCall?> calls)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var p = $"{param}[{i}]";
            if (calls[i] is not { } call)
                return Problems.Invalid(p, $"Invalid type for '{p}': expected an object, but got null instead.", "invalid_type");
            if (call.Id is null)
                return Problems.Missing($"{p}.id");
            if (call.Type is null)
                return Problems.Missing($"{p}.type");
            if (Problems.OneOf($"{p}.type", call.Type, ["function"]) is { } badType)
                return badType;
            if (call.Function is null)
                return Problems.Missing($"{p}.function");
            if (call.Function.Name is null)
                return Problems.Missing($"{p}.function.name");
            if (call.Function.Arguments is null)
                return Problems.Missing($"{p}.function.arguments");
        }
        return null;
    }

    static Error? ValidateParts(string param, IReadOnlyList<ContentPart> parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var p = $"{param}[{i}]";
            if (part is null)
                return Problems.Invalid(p, $"Invalid type for '{p}': expected an object, but got null instead.", "invalid_type");
            if (part.Type is null)
                return Problems.Missing($"{p}.type");
            if (Problems.Length($"{p}.text", part.Text, LimitsOptions.Default.MaxStringLength) is { } tooLong)
                return tooLong;
            var problem = part.Type switch
            {
                "text" when part.Text is null => Problems.Missing($"{p}.text"),
                "image_url" when part.ImageUrl?.Url is null => Problems.Missing($"{p}.image_url.url"),
                "input_audio" when part.InputAudio is null => Problems.Missing($"{p}.input_audio"),
                "file" when part.File is null => Problems.Missing($"{p}.file"),
                "refusal" when part.Refusal is null => Problems.Missing($"{p}.refusal"),
                "text" or "image_url" or "input_audio" or "file" or "refusal" => null,
                _ => Problems.OneOf($"{p}.type", part.Type, ["text", "image_url", "input_audio", "file", "refusal"]),
            };
            if (problem is not null)
                return problem;
        }
        return null;
    }

    static Error? ValidateStop(StopConfiguration? stop) => stop?.Sequences switch
    {
        null => null,
        { Count: > 4 } s => Problems.Invalid("stop", $"Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length {s.Count} instead.", "array_above_max_length"),
        { Count: 0 } => Problems.Invalid("stop", "Invalid 'stop': empty array. Expected an array with minimum length 1, but got an empty array instead.", "empty_array"),
        var s when s.Any(string.IsNullOrEmpty) => Problems.Invalid("stop", "Invalid 'stop': stop sequences must be non-empty strings.", "invalid_value"),
        _ => null,
    };

    static Error? ValidateLogitBias(IReadOnlyDictionary<string, int>? bias)
    {
        foreach (var (token, value) in bias ?? new Dictionary<string, int>())
        {
            if (!int.TryParse(token, out _))
                return Problems.Invalid("logit_bias", $"Invalid key in 'logit_bias': {Excerpt.Of(token)}. Keys must be token ids.", "invalid_value");
            if (Problems.Range($"logit_bias.{token}", value, -100, 100) is { } bad)
                return bad with { Param = "logit_bias" };
        }
        return null;
    }

    static Error? ValidateResponseFormat(ResponseFormat? format)
    {
        if (format is null)
            return null;
        if (format.Type is null)
            return Problems.Missing("response_format.type");
        if (Problems.OneOf("response_format.type", format.Type, ResponseFormatTypes) is { } bad)
            return bad;
        if (format.Type != ResponseFormat.JsonSchemaType)
            return null;
        if (format.JsonSchema is null)
            return Problems.Missing("response_format.json_schema");
        if (format.JsonSchema.Name is null)
            return Problems.Missing("response_format.json_schema.name");
        if (!ValidName(format.JsonSchema.Name))
            return Problems.Invalid("response_format.json_schema.name", $"Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.", "invalid_value");
        if (format.JsonSchema.Schema is { } root && SchemaKeywordRules.FirstBreach(root) is { } wrong)
            return Problems.Invalid(Join("response_format.json_schema.schema", wrong.Path), $"Invalid schema for response_format '{format.JsonSchema.Name}': {wrong.Complaint}");
        if (format.JsonSchema is { Strict: true, Schema: { } schema } && StrictSchemaRules.FirstBreach(schema) is { } breach)
            return Problems.Invalid("response_format", $"Invalid schema for response_format '{format.JsonSchema.Name}': {breach}");
        return format.JsonSchema.Schema is { } patterned && SchemaPatternRules.FirstBreach(patterned) is var (path, reason)
            ? Problems.Invalid(SchemaPatternRules.Param("response_format.json_schema.schema", path),
                $"Invalid schema for response_format '{format.JsonSchema.Name}': In context={SchemaPatternRules.Context(path)}, {reason}")
            : null;
    }

    static Error? ValidateTools(IReadOnlyList<ChatCompletionTool>? tools)
    {
        if (tools is null)
            return null;
        for (var i = 0; i < tools.Count; i++)
        {
            var p = $"tools[{i}]";
            var tool = tools[i];
            if (tool?.Type is null)
                return Problems.Missing($"{p}.type");
            if (Problems.OneOf($"{p}.type", tool.Type, ["function", "custom"]) is { } badType)
                return badType;
            if (tool.Type != "function")
                continue;
            if (tool.Function?.Name is not { } name)
                return Problems.Missing($"{p}.function.name");
            if (!ValidName(name))
                return Problems.Invalid($"{p}.function.name", $"Invalid '{p}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.", "invalid_value");
            if (tool.Function.Parameters is { ValueKind: not JsonValueKind.Object })
                return Problems.Invalid($"{p}.function.parameters", $"Invalid type for '{p}.function.parameters': expected an object.", "invalid_type");
            if (tool.Function.Parameters is { } schema && SchemaKeywordRules.FirstBreach(schema) is { } wrong)
                return Problems.Invalid(Join($"{p}.function.parameters", wrong.Path), $"Invalid schema for function '{name}': {wrong.Complaint}", "invalid_function_parameters");
            if (tool.Function is { Strict: true, Parameters: { } parameters } && StrictSchemaRules.FirstBreach(parameters) is { } breach)
                return Problems.Invalid($"{p}.function.parameters", $"Invalid schema for function '{name}': {breach}", "invalid_function_parameters");
            if (tool.Function.Parameters is { } patterned && SchemaPatternRules.FirstBreach(patterned) is var (path, reason))
                return Problems.Invalid(SchemaPatternRules.Param($"{p}.function.parameters", path),
                    $"Invalid schema for function '{name}': In context={SchemaPatternRules.Context(path)}, {reason}", "invalid_function_parameters");
        }
        return null;
    }

    static Error? ValidateToolChoice(ToolChoice? choice, IReadOnlyList<ChatCompletionTool>? tools)
    {
        if (choice is null)
            return null;
        if (choice.Mode is not null)
            return Problems.OneOf("tool_choice", choice.Mode, ToolChoiceModes)
                ?? (choice.Mode == ToolChoice.Required && tools is not { Count: > 0 }
                    ? Problems.Invalid("tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.")
                    : null);
        if (choice.Object is { } shape && ToolChoiceShape.FirstProblem(shape) is { } badShape)
            return badShape;
        if (tools is not { Count: > 0 })
            return Problems.Invalid("tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.");
        if (choice.FunctionName is { } name && !tools.Any(t => t.Function?.Name == name))
            return Problems.Invalid("tool_choice", $"Invalid value for 'tool_choice': function '{Excerpt.Of(name)}' is not among the 'tools'.", "invalid_value");
        return null;
    }

    static string Join(string prefix, string path) => path.Length == 0 ? prefix : path[0] == '[' ? prefix + path : $"{prefix}.{path}";

    /// <summary>The deprecated <c>functions</c>: 1 to 128 definitions, each named as a tool function is.</summary>
    static Error? ValidateFunctions(IReadOnlyList<FunctionDefinition>? functions)
    {
        if (functions is null)
            return null;
        if (functions.Count == 0)
            return Problems.Invalid("functions", "Invalid 'functions': empty array. Expected an array with minimum length 1, but got an empty array instead.", "empty_array");
        if (functions.Count > 128)
            return Problems.Invalid("functions", $"Invalid 'functions': array too long. Expected an array with maximum length 128, but got an array with length {functions.Count} instead.", "array_above_max_length");
        for (var i = 0; i < functions.Count; i++)
        {
            var p = $"functions[{i}]";
            if (functions[i]?.Name is not { } name)
                return Problems.Missing($"{p}.name");
            if (!ValidName(name))
                return Problems.Invalid($"{p}.name", $"Invalid '{p}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.", "invalid_value");
            if (functions[i].Parameters is { ValueKind: not JsonValueKind.Object })
                return Problems.Invalid($"{p}.parameters", $"Invalid type for '{p}.parameters': expected an object.", "invalid_type");
            if (functions[i].Parameters is { } parameters && SchemaPatternRules.FirstBreach(parameters) is var (path, reason))
                return Problems.Invalid(SchemaPatternRules.Param($"{p}.parameters", path),
                    $"Invalid schema for function '{name}': In context={SchemaPatternRules.Context(path)}, {reason}", "invalid_function_parameters");
        }
        return null;
    }

    /// <summary><c>function_call</c>: <c>"none"</c>, <c>"auto"</c> or <c>{"name": …}</c> naming one of the <c>functions</c>.</summary>
    static Error? ValidateFunctionCall(JsonElement? choice, IReadOnlyList<FunctionDefinition>? functions)
    {
        if (choice is not { ValueKind: not JsonValueKind.Null } call)
            return null;
        if (call.ValueKind == JsonValueKind.String)
            return Problems.OneOf("function_call", call.GetString(), [ToolChoice.None, ToolChoice.Auto])
                ?? (functions is not { Count: > 0 }
                    ? Problems.Invalid("function_call", "Invalid value for 'function_call': 'function_call' is only allowed when 'functions' are specified.")
                    : null);
        if (call.ValueKind != JsonValueKind.Object)
            return Problems.Invalid("function_call", "Invalid type for 'function_call': expected one of a string or an object.", "invalid_type");
        if (!call.TryGetProperty("name", out var name))
            return Problems.Missing("function_call.name");
        if (name.ValueKind != JsonValueKind.String)
            return Problems.Invalid("function_call.name", "Invalid type for 'function_call.name': expected a string.", "invalid_type");
        if (functions is not { Count: > 0 })
            return Problems.Invalid("function_call", "Invalid value for 'function_call': 'function_call' is only allowed when 'functions' are specified.");
        return functions.Any(f => f.Name == name.GetString())
            ? null
            : Problems.Invalid("function_call", $"Invalid value for 'function_call': function '{name.GetString()}' is not among the 'functions'.", "invalid_value");
    }

    static bool MentionsJson(IReadOnlyList<ChatCompletionRequestMessage> messages) =>
        messages.Any(m => m.Content?.PlainText.Contains("json", StringComparison.OrdinalIgnoreCase) == true);

    static bool ValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
