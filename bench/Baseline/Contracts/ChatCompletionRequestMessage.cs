namespace Baseline.Contracts;

internal sealed record ChatCompletionRequestMessage
{
    public string? Role { get; init; }
    public string? Content { get; init; }
}
