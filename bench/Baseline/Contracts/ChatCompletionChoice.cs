using System.Text.Json;

namespace Baseline.Contracts;

internal sealed record ChatCompletionChoice
{
    public required int Index { get; init; }
    public required ChatCompletionResponseMessage Message { get; init; }
    public JsonElement? Logprobs { get; init; }
    public required string FinishReason { get; init; }
}
