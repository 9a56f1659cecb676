namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseTextDoneEvent(string ItemId, int OutputIndex, int ContentIndex, string Text, IReadOnlyList<ResponseLogProb> Logprobs) : ResponseStreamEvent("response.output_text.done");
