namespace ChatApi.Contracts;

public sealed record ChatCompletionDeleted
{
    public string Object { get; init; } = "chat.completion.deleted";
    public required string Id { get; init; }
    public bool Deleted { get; init; } = true;
}
