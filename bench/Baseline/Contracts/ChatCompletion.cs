namespace Baseline.Contracts;

internal sealed record ChatCompletion
{
    public required string Id { get; init; }
    public string Object { get; init; } = "chat.completion";
    public required long Created { get; init; }   // Unix seconds
    public required string Model { get; init; }
    public required IReadOnlyList<ChatCompletionChoice> Choices { get; init; }
    public CompletionUsage? Usage { get; init; }
    public string? ServiceTier { get; init; } = "default";
    public string? SystemFingerprint { get; init; }
}
