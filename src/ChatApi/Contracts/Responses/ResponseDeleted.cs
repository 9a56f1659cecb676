namespace ChatApi.Contracts.Responses;

/// <summary>What <c>DELETE /v1/responses/{id}</c> returns.</summary>
public sealed record ResponseDeleted
{
    public required string Id { get; init; }
    public string Object { get; init; } = "response";
    public bool Deleted { get; init; } = true;
}
