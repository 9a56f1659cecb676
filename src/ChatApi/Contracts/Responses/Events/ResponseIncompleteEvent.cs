namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseIncompleteEvent(Response Response) : ResponseStreamEvent("response.incomplete");
