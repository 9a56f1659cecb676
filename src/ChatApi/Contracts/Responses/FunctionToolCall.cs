namespace ChatApi.Contracts.Responses;

/// <summary>A <c>function_call</c> item: <c>id</c> is the item's (fc_…), <c>call_id</c> what the tool output answers.</summary>
public sealed record FunctionToolCall : OutputItem
{
    public required string Arguments { get; init; }
    public required string CallId { get; init; }
    public required string Name { get; init; }
}
