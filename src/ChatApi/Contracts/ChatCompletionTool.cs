using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary>A tool the model may call: <c>type: function</c> (or <c>custom</c>, kept as sent).</summary>
public sealed record ChatCompletionTool
{
    public string? Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FunctionDefinition? Function { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Custom { get; init; }
}
