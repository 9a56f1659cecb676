namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseReasoningTextDoneEvent(string ItemId, int OutputIndex, int ContentIndex, string Text) : ResponseStreamEvent("response.reasoning_text.done");
