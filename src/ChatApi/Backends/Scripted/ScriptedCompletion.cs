using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;

namespace ChatApi.Backends.Scripted;

/// <summary>Builds the <c>chat.completion</c> a rule's content, tool calls or JSON body stand for, with real token counts.</summary>
public static class ScriptedCompletion
{
    public const string Fingerprint = "fp_chatapi_scripted_v1";

    public static bool HasMessage(RuleAnswer answer) =>
        answer.Content is not null || answer.ToolCalls is not null || answer.Json is not null;

    public static ChatCompletion Build(RuleAnswer answer, CreateChatCompletionRequest request, TokenCounter tokens, TimeProvider time)
    {
        var content = answer.Content ?? (answer.Json is { } json ? CompactJson(json) : null);
        var finishReason = answer.FinishReason ?? (answer.ToolCalls is { Count: > 0 } ? FinishReasons.ToolCalls : FinishReasons.Stop);

        var choices = new List<ChatCompletionChoice>(request.ChoiceCount);
        var completionTokens = 0;
        for (var index = 0; index < request.ChoiceCount; index++)
        {
            var toolCalls = answer.ToolCalls?.Select(ToolCall).ToList();
            completionTokens += tokens.Count(content ?? "")
                + (toolCalls ?? []).Sum(c => tokens.Count(c.Function.Name) + tokens.Count(c.Function.Arguments));
            choices.Add(new ChatCompletionChoice
            {
                Index = index,
                Message = new ChatCompletionResponseMessage { Content = content, ToolCalls = toolCalls },
                FinishReason = finishReason,
            });
        }

        return new ChatCompletion
        {
            Id = CompletionIds.NewCompletionId(),
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            Model = request.Model!,
            Choices = choices,
            Usage = new CompletionUsage { PromptTokens = tokens.CountPrompt(request.Messages!), CompletionTokens = completionTokens },
            SystemFingerprint = Fingerprint,
        };
    }

    static ChatCompletionMessageToolCall ToolCall(ScriptedToolCall call) => new()
    {
        Id = call.Id ?? CompletionIds.NewToolCallId(),
        Function = new FunctionCall
        {
            Name = call.Name!,
            Arguments = call.Arguments switch
            {
                null => "{}",
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                var node => CompactJson(node),
            },
        },
    };

    static string CompactJson(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            node.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
