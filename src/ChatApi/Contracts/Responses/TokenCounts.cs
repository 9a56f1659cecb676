namespace ChatApi.Contracts.Responses;

/// <summary><c>TokenCountsResource</c>: what <c>POST /v1/responses/input_tokens</c> returns.</summary>
public sealed record TokenCounts
{
    public string Object { get; init; } = "response.input_tokens";
    public required int InputTokens { get; init; }
}
