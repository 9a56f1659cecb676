namespace ChatApi.Contracts.Responses;

/// <summary>A <c>reasoning</c> item: the reasoning text an upstream sent, as <c>reasoning_text</c> parts.</summary>
public sealed record ReasoningItem : OutputItem
{
    public IReadOnlyList<ReasoningText> Summary { get; init; } = [];
    public IReadOnlyList<ReasoningText> Content { get; init; } = [];
}
