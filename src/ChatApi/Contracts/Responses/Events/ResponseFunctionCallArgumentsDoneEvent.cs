namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseFunctionCallArgumentsDoneEvent(string ItemId, string Name, int OutputIndex, string Arguments) : ResponseStreamEvent("response.function_call_arguments.done");
