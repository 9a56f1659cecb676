namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseFailedEvent(Response Response) : ResponseStreamEvent("response.failed");
