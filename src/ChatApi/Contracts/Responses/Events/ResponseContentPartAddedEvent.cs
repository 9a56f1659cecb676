namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseContentPartAddedEvent(string ItemId, int OutputIndex, int ContentIndex, OutputContent Part) : ResponseStreamEvent("response.content_part.added");
