using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Backends;
using ChatApi.Completions;
using ChatApi.Contracts;

namespace ChatApi.Responses.Translation;

/// <summary>
/// Reads <c>input</c> (a string, or a list of messages, <c>function_call</c> and <c>function_call_output</c> items)
/// into chat messages: consecutive function calls become one assistant message's <c>tool_calls</c>, outputs become
/// <c>tool</c> messages. The first problem found is returned with its <c>param</c> at the full path.
/// </summary>
public static class InputTranslator
{
    static readonly string[] Roles = [MessageRoles.User, MessageRoles.Assistant, MessageRoles.System, MessageRoles.Developer];
    static readonly string[] ItemTypes = ["message", "function_call", "function_call_output", "reasoning"];
    static readonly string[] PartTypes = ["input_text", "input_image", "output_text", "refusal"];

    public static (TranslatedInput? Input, Error? Problem) Translate(JsonElement? input)
    {
        var messages = new List<ChatCompletionRequestMessage>();
        var items = new JsonArray();
        switch (input)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                break;
            case { ValueKind: JsonValueKind.String } text:
                messages.Add(new ChatCompletionRequestMessage { Role = MessageRoles.User, Content = text.GetString()! });
                items.Add(MessageItem(MessageRoles.User, new JsonArray(InputText(text.GetString()!))));
                break;
            case { ValueKind: JsonValueKind.Array } array:
                var index = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (AddItem(item, $"input[{index++}]", messages, items) is { } problem)
                        return (null, problem);
                }
                break;
            default:
                return (null, Problems.Invalid("input", "Invalid type for 'input': expected a string or an array of input items.", "invalid_type"));
        }
        return (new TranslatedInput(messages, items), null);
    }

    static Error? AddItem(JsonElement item, string param, List<ChatCompletionRequestMessage> messages, JsonArray items)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return Problems.Invalid(param, $"Invalid type for '{param}': expected an object, but got {Problems.KindOf(item)} instead.", "invalid_type");
        var type = String(item, "type");
        if (type is null && item.TryGetProperty("type", out var badType) && badType.ValueKind != JsonValueKind.Null)
            return Problems.Invalid($"{param}.type", $"Invalid type for '{param}.type': expected a string.", "invalid_type");
        type ??= item.TryGetProperty("role", out _) ? "message" : null;
        if (type is null)
            return Problems.Missing($"{param}.type");
        if (Problems.OneOf($"{param}.type", type, ItemTypes) is { } badItem)
            return badItem;

        return type switch
        {
            "message" => AddMessage(item, param, messages, items),
            "function_call" => AddFunctionCall(item, param, messages, items),
            "function_call_output" => AddFunctionCallOutput(item, param, messages, items),
            _ => null, // reasoning items carry nothing a chat backend reads
        };
    }

    static Error? AddMessage(JsonElement item, string param, List<ChatCompletionRequestMessage> messages, JsonArray items)
    {
        var role = String(item, "role");
        if (role is null)
            return Problems.Missing($"{param}.role");
        if (Problems.OneOf($"{param}.role", role, Roles) is { } badRole)
            return badRole;
        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
            return Problems.Missing($"{param}.content");

        JsonArray stored;
        MessageContent chatContent;
        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString()!;
            stored = new JsonArray(role == MessageRoles.Assistant ? OutputText(text) : InputText(text));
            chatContent = text;
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            var parts = new List<ContentPart>();
            var i = 0;
            foreach (var part in content.EnumerateArray())
            {
                var p = $"{param}.content[{i++}]";
                if (TranslatePart(part, p) is not { } translated)
                    return PartProblem(part, p);
                parts.Add(translated);
            }
            stored = (JsonArray)JsonNode.Parse(content.GetRawText())!;
            // Assistant turns read back as plain text, the form every chat backend accepts for them.
            chatContent = role == MessageRoles.Assistant || parts.All(p => p.Type == "text")
                ? string.Concat(parts.Select(p => p.Text ?? p.Refusal))
                : new MessageContent { Parts = parts };
        }
        else
        {
            return Problems.Invalid($"{param}.content", $"Invalid type for '{param}.content': expected a string or an array of content parts.", "invalid_type");
        }

        messages.Add(new ChatCompletionRequestMessage { Role = role, Content = chatContent });
        var node = MessageItem(role, stored, String(item, "id"));
        items.Add(node);
        return null;
    }

    static ContentPart? TranslatePart(JsonElement part, string param)
    {
        if (part.ValueKind != JsonValueKind.Object)
            return null;
        return String(part, "type") switch
        {
            "input_text" or "output_text" when String(part, "text") is { } text => new ContentPart { Type = "text", Text = text },
            "refusal" when String(part, "refusal") is { } refusal => new ContentPart { Type = "text", Text = refusal },
            "input_image" when String(part, "image_url") is { } url => new ContentPart
            {
                Type = "image_url",
                ImageUrl = new ImageUrl { Url = url, Detail = String(part, "detail") },
            },
            _ => null,
        };
    }

    static Error PartProblem(JsonElement part, string param)
    {
        if (part.ValueKind != JsonValueKind.Object)
            return Problems.Invalid(param, $"Invalid type for '{param}': expected an object, but got {Problems.KindOf(part)} instead.", "invalid_type");
        return String(part, "type") switch
        {
            null => Problems.Missing($"{param}.type"),
            "input_text" or "output_text" => Problems.Missing($"{param}.text"),
            "refusal" => Problems.Missing($"{param}.refusal"),
            "input_image" when part.TryGetProperty("file_id", out _) => Problems.Invalid($"{param}.file_id", "Images by 'file_id' are not supported by this server; send 'image_url'.", "unsupported_value"),
            "input_image" => Problems.Missing($"{param}.image_url"),
            var type => Problems.OneOf($"{param}.type", type, PartTypes)!,
        };
    }

    static Error? AddFunctionCall(JsonElement item, string param, List<ChatCompletionRequestMessage> messages, JsonArray items)
    {
        if (String(item, "call_id") is not { } callId)
            return Problems.Missing($"{param}.call_id");
        if (String(item, "name") is not { } name)
            return Problems.Missing($"{param}.name");
        if (String(item, "arguments") is not { } arguments)
            return Problems.Missing($"{param}.arguments");

        var call = new ChatCompletionMessageToolCall { Id = callId, Function = new FunctionCall { Name = name, Arguments = arguments } };
        // Parallel calls arrive as consecutive items; a chat assistant turn holds them all (and any text before them).
        if (messages.Count > 0 && messages[^1] is { Role: MessageRoles.Assistant } last)
            messages[^1] = last with { ToolCalls = [.. last.ToolCalls ?? [], call] };
        else
            messages.Add(new ChatCompletionRequestMessage { Role = MessageRoles.Assistant, Content = null, ToolCalls = [call] });

        items.Add(new JsonObject
        {
            ["id"] = String(item, "id") ?? CompletionIds.NewHexId("fc_"),
            ["type"] = "function_call",
            ["status"] = String(item, "status") ?? "completed",
            ["arguments"] = arguments,
            ["call_id"] = callId,
            ["name"] = name,
        });
        return null;
    }

    static Error? AddFunctionCallOutput(JsonElement item, string param, List<ChatCompletionRequestMessage> messages, JsonArray items)
    {
        if (String(item, "call_id") is not { } callId)
            return Problems.Missing($"{param}.call_id");
        if (!item.TryGetProperty("output", out var output) || output.ValueKind == JsonValueKind.Null)
            return Problems.Missing($"{param}.output");

        string text;
        if (output.ValueKind == JsonValueKind.String)
            text = output.GetString()!;
        else if (output.ValueKind == JsonValueKind.Array)
            text = string.Concat(output.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Object ? String(p, "text") : null));
        else
            return Problems.Invalid($"{param}.output", $"Invalid type for '{param}.output': expected a string or an array of content parts.", "invalid_type");

        messages.Add(new ChatCompletionRequestMessage { Role = MessageRoles.Tool, ToolCallId = callId, Content = text });
        items.Add(new JsonObject
        {
            ["id"] = String(item, "id") ?? CompletionIds.NewHexId("fc_"),
            ["type"] = "function_call_output",
            ["status"] = String(item, "status") ?? "completed",
            ["call_id"] = callId,
            ["output"] = JsonNode.Parse(output.GetRawText()),
        });
        return null;
    }

    static JsonObject MessageItem(string role, JsonArray content, string? id = null) => new()
    {
        ["id"] = id ?? CompletionIds.NewHexId("msg_"),
        ["type"] = "message",
        ["status"] = "completed",
        ["role"] = role,
        ["content"] = content,
    };

    static JsonObject InputText(string text) => new() { ["type"] = "input_text", ["text"] = text };

    static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

}
