namespace ChatApi.Contracts;

public sealed record ListModelsResponse
{
    public string Object { get; init; } = "list";
    public required IReadOnlyList<Model> Data { get; init; }
}
