using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts.Responses;

/// <summary><c>text.format</c>: <c>text</c>, <c>json_object</c>, or <c>json_schema</c> with its fields flat beside <c>type</c>.</summary>
public sealed record ResponseTextFormat
{
    public string? Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Schema { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Strict { get; init; }
}
