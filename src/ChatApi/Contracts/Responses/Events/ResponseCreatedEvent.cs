namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseCreatedEvent(Response Response) : ResponseStreamEvent("response.created");
