namespace ChatApi.Contracts;

public sealed record TopLogprob
{
    public required string Token { get; init; }
    public required double Logprob { get; init; }
    public required IReadOnlyList<int>? Bytes { get; init; }
}
