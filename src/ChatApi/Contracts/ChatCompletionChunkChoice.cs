namespace ChatApi.Contracts;

public sealed record ChatCompletionChunkChoice
{
    public required int Index { get; init; }
    public required ChatCompletionStreamResponseDelta Delta { get; init; }
    public ChoiceLogprobs? Logprobs { get; init; }
    public string? FinishReason { get; init; }
}
