namespace ChatApi.Contracts.Responses;

public sealed record RefusalContent : OutputContent
{
    public required string Refusal { get; init; }
}
