namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseFunctionCallArgumentsDeltaEvent(string ItemId, int OutputIndex, string Delta) : ResponseStreamEvent("response.function_call_arguments.delta");
