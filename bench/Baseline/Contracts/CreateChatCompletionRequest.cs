namespace Baseline.Contracts;

internal sealed record CreateChatCompletionRequest
{
    public string? Model { get; init; }
    public IReadOnlyList<ChatCompletionRequestMessage>? Messages { get; init; }
    public double? Temperature { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public bool? Store { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
