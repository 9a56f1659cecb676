using System.Text.Json;

namespace Baseline.Contracts;

internal sealed record ChatCompletionResponseMessage
{
    public string Role { get; init; } = "assistant";
    public string? Content { get; init; }
    public string? Refusal { get; init; }
    public IReadOnlyList<JsonElement> Annotations { get; init; } = [];
}
