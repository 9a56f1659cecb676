using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

public sealed record ChatCompletionResponseMessage
{
    public string Role { get; init; } = MessageRoles.Assistant;
    public string? Content { get; init; }
    public string? Refusal { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChatCompletionMessageToolCall>? ToolCalls { get; init; }

    /// <summary>The legacy form of a call, answering <c>functions</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FunctionCall? FunctionCall { get; init; }

    public IReadOnlyList<Annotation> Annotations { get; init; } = [];
}
