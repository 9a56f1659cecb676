namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseInProgressEvent(Response Response) : ResponseStreamEvent("response.in_progress");
