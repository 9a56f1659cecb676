namespace ChatApi.Contracts.Responses;

/// <summary>An assistant message: <c>output_text</c> (or <c>refusal</c>) parts.</summary>
public sealed record OutputMessage : OutputItem
{
    public required IReadOnlyList<OutputContent> Content { get; init; }
    public string Role { get; init; } = MessageRoles.Assistant;
}
