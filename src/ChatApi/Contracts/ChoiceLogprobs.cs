namespace ChatApi.Contracts;

public sealed record ChoiceLogprobs
{
    public IReadOnlyList<ChatCompletionTokenLogprob>? Content { get; init; }
    public IReadOnlyList<ChatCompletionTokenLogprob>? Refusal { get; init; }
}
