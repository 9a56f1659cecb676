using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses;

namespace ChatApi.Responses.Translation;

/// <summary>
/// A Responses request as the chat completion request a chat backend answers: instructions first (a system message),
/// then the stored context, then this request's input; settings renamed (<c>max_output_tokens</c> → <c>max_completion_tokens</c>,
/// <c>text.format</c> → <c>response_format</c>, flat function tools → nested ones).
/// </summary>
public static class ChatRequestTranslator
{
    // A translated request goes to the backend (and to a chat-only upstream) with only the fields it has, no nulls.
    static readonly JsonSerializerOptions BodyOptions = new(ChatApiJson.Options) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static ChatRequest ToChatRequest(CreateChatCompletionRequest typed) =>
        new(typed, t => JsonSerializer.SerializeToUtf8Bytes(t, BodyOptions.GetTypeInfo(typeof(CreateChatCompletionRequest))));

    public static CreateChatCompletionRequest Translate(CreateResponse request, IReadOnlyList<ChatCompletionRequestMessage> context, TranslatedInput input)
    {
        var messages = new List<ChatCompletionRequestMessage>(context.Count + input.Messages.Count + 1);
        if (!string.IsNullOrEmpty(request.Instructions))
            messages.Add(new ChatCompletionRequestMessage { Role = MessageRoles.System, Content = request.Instructions });
        messages.AddRange(context);
        messages.AddRange(input.Messages);

        return new CreateChatCompletionRequest
        {
            Model = request.Model,
            Messages = messages,
            Store = false,
            Stream = request.Stream,
            // Usage closes every Responses stream, so the chat stream is always asked for it.
            StreamOptions = request.Stream == true ? new ChatCompletionStreamOptions { IncludeUsage = true, IncludeObfuscation = false } : null,
            Temperature = request.Temperature,
            TopP = request.TopP,
            MaxCompletionTokens = request.MaxOutputTokens,
            Logprobs = request.TopLogprobs > 0 || request.Include?.Contains("message.output_text.logprobs") == true ? true : null,
            TopLogprobs = request.TopLogprobs > 0 ? request.TopLogprobs : null,
            ResponseFormat = Format(request.Text?.Format),
            Tools = request.Tools is { Count: > 0 } tools ? [.. tools.Select(Tool)] : null,
            ToolChoice = ToolChoiceOf(request.ToolChoice),
            ParallelToolCalls = request.Tools is { Count: > 0 } ? request.ParallelToolCalls : null,
            User = request.User,
            SafetyIdentifier = request.SafetyIdentifier,
            PromptCacheKey = request.PromptCacheKey,
            ReasoningEffort = request.Reasoning?.Effort,
            Verbosity = request.Text?.Verbosity,
        };
    }

    static ResponseFormat? Format(ResponseTextFormat? format) => format?.Type switch
    {
        null => null,
        ResponseFormat.JsonSchemaType => new ResponseFormat
        {
            Type = ResponseFormat.JsonSchemaType,
            JsonSchema = new JsonSchemaFormat { Name = format.Name, Description = format.Description, Schema = format.Schema, Strict = format.Strict },
        },
        var type => new ResponseFormat { Type = type },
    };

    static ChatCompletionTool Tool(ResponseTool tool) => new()
    {
        Type = "function",
        Function = new FunctionDefinition
        {
            Name = tool.Name,
            Description = tool.Description,
            Parameters = tool.Parameters is { ValueKind: JsonValueKind.Object } p ? p : null,
            Strict = ResponseBuilder.IsStrict(tool),
        },
    };

    static ToolChoice? ToolChoiceOf(JsonElement? choice) => choice switch
    {
        { ValueKind: JsonValueKind.String } mode => new ToolChoice { Mode = mode.GetString() },
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("name", out var name) => new ToolChoice
        {
            Object = JsonDocument.Parse($$$"""{"type":"function","function":{"name":{{{name.GetRawText()}}}}}""").RootElement,
        },
        _ => null,
    };
}
