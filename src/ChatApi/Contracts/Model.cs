namespace ChatApi.Contracts;

public sealed record Model
{
    public required string Id { get; init; }
    public string Object { get; init; } = "model";
    public required long Created { get; init; }
    public required string OwnedBy { get; init; }
}
