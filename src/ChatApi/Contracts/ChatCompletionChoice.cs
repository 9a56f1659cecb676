namespace ChatApi.Contracts;

public sealed record ChatCompletionChoice
{
    public required int Index { get; init; }
    public required ChatCompletionResponseMessage Message { get; init; }
    public ChoiceLogprobs? Logprobs { get; init; }
    public required string FinishReason { get; init; }
}
