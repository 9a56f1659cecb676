namespace ChatApi.Contracts.Responses;

/// <summary><c>reasoning</c>: accepted and echoed; the built-in model reports no reasoning tokens.</summary>
public sealed record ResponseReasoning
{
    public string? Effort { get; init; }
    public string? Summary { get; init; }
}
