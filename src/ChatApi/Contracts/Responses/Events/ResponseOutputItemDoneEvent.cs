namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseOutputItemDoneEvent(int OutputIndex, OutputItem Item) : ResponseStreamEvent("response.output_item.done");
