namespace ChatApi.Contracts;

public sealed record ChatCompletionMessageToolCall
{
    public required string Id { get; init; }
    public string Type { get; init; } = "function";
    public required FunctionCall Function { get; init; }
}
