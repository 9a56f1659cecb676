using System.Text.Json.Serialization;

namespace ChatApi.Contracts.Responses;

/// <summary>One item of a response's <c>output</c>, told apart by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OutputMessage), "message")]
[JsonDerivedType(typeof(FunctionToolCall), "function_call")]
[JsonDerivedType(typeof(ReasoningItem), "reasoning")]
public abstract record OutputItem
{
    public required string Id { get; init; }
    public string Status { get; init; } = ResponseStatuses.Completed;
}
