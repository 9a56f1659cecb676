namespace ChatApi.Contracts;

public sealed record ChatCompletionMessageList
{
    public string Object { get; init; } = "list";
    public required IReadOnlyList<StoredMessage> Data { get; init; }
    public required string? FirstId { get; init; }
    public required string? LastId { get; init; }
    public required bool HasMore { get; init; }
}
