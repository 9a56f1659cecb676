namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseCompletedEvent(Response Response) : ResponseStreamEvent("response.completed");
