namespace ChatApi.Contracts.Responses.Events;

/// <summary>An <c>error</c> event: the stream's failure in the shape of an API error.</summary>
public sealed record ResponseErrorEvent(string? Code, string Message, string? Param) : ResponseStreamEvent("error");
