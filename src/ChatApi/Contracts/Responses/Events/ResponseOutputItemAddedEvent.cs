namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseOutputItemAddedEvent(int OutputIndex, OutputItem Item) : ResponseStreamEvent("response.output_item.added");
