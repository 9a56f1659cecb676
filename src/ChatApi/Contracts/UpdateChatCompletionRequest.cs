namespace ChatApi.Contracts;

public sealed record UpdateChatCompletionRequest
{
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
