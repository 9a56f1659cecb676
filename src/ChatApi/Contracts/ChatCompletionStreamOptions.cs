namespace ChatApi.Contracts;

public sealed record ChatCompletionStreamOptions
{
    public bool? IncludeUsage { get; init; }
    public bool? IncludeObfuscation { get; init; }
}
