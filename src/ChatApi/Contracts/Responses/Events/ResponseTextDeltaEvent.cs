namespace ChatApi.Contracts.Responses.Events;

public sealed record ResponseTextDeltaEvent(string ItemId, int OutputIndex, int ContentIndex, string Delta, IReadOnlyList<ResponseLogProb> Logprobs) : ResponseStreamEvent("response.output_text.delta");
