namespace ChatApi.Contracts;

public sealed record ChatCompletionTokenLogprob
{
    public required string Token { get; init; }
    public required double Logprob { get; init; }
    public required IReadOnlyList<int>? Bytes { get; init; }
    public required IReadOnlyList<TopLogprob> TopLogprobs { get; init; }
}
