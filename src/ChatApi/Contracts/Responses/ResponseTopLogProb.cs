namespace ChatApi.Contracts.Responses;

public sealed record ResponseTopLogProb
{
    public required string Token { get; init; }
    public required double Logprob { get; init; }
    public required IReadOnlyList<int> Bytes { get; init; }
}
