namespace ChatApi.Contracts.Responses;

/// <summary><c>LogProb</c>: one output token's log probability and its alternatives.</summary>
public sealed record ResponseLogProb
{
    public required string Token { get; init; }
    public required double Logprob { get; init; }
    public required IReadOnlyList<int> Bytes { get; init; }
    public required IReadOnlyList<ResponseTopLogProb> TopLogprobs { get; init; }
}
