using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary>A request message as <c>GET /v1/chat/completions/{id}/messages</c> returns it.</summary>
public sealed record StoredMessage
{
    public required string Id { get; init; }
    public required string Role { get; init; }
    public string? Content { get; init; }
    public string? Refusal { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<ContentPart>? ContentParts { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChatCompletionMessageToolCall>? ToolCalls { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolCallId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FunctionCall? FunctionCall { get; init; }

    public static StoredMessage From(string completionId, int index, ChatCompletionRequestMessage message) => new()
    {
        Id = $"{completionId}-{index}",
        Role = message.Role ?? MessageRoles.User,
        Content = message.Content?.Parts is null ? message.Content?.Text : message.Content.PlainText,
        Refusal = message.Refusal,
        Name = message.Name,
        ContentParts = message.Content?.Parts,
        ToolCalls = message.ToolCalls,
        ToolCallId = message.ToolCallId,
        FunctionCall = message.FunctionCall,
    };
}
