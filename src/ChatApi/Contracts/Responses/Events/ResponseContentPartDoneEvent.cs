namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseContentPartDoneEvent(string ItemId, int OutputIndex, int ContentIndex, OutputContent Part) : ResponseStreamEvent("response.content_part.done");
