namespace ChatApi.Contracts;

public sealed record ChatCompletionList
{
    public string Object { get; init; } = "list";
    public required IReadOnlyList<StoredChatCompletion> Data { get; init; }
    public required string? FirstId { get; init; }
    public required string? LastId { get; init; }
    public required bool HasMore { get; init; }
}
