using ChatApi.Contracts;
using ChatApi.Contracts.Responses;

namespace ChatApi.Responses.Translation;

/// <summary>What a chat completion amounts to as a response: its output items, usage and status, and the assistant
/// turn that continues the conversation.</summary>
public sealed record ResponseOutcome(
    IReadOnlyList<OutputItem> Output,
    ResponseUsage? Usage,
    string Status,
    IncompleteDetails? IncompleteDetails,
    ChatCompletionRequestMessage AssistantTurn);
