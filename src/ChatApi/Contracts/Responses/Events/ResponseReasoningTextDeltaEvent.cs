namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseReasoningTextDeltaEvent(string ItemId, int OutputIndex, int ContentIndex, string Delta) : ResponseStreamEvent("response.reasoning_text.delta");
