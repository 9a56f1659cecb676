namespace ChatApi.Contracts;

public sealed record FunctionCall
{
    public required string Name { get; init; }

    /// <summary>The arguments as a JSON text, as OpenAI sends them.</summary>
    public required string Arguments { get; init; }
}
