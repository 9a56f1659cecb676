using ChatApi.Contracts;
using ChatApi.Contracts.Responses;
using ChatApi.Responses.Translation;

namespace ChatApi.Responses;

/// <summary>One create request on its way: the request, its new id and time, the stored context it continues and its input.</summary>
public sealed record ResponseTurn(
    CreateResponse Request,
    string Id,
    long CreatedAt,
    IReadOnlyList<ChatCompletionRequestMessage> Context,
    TranslatedInput Input)
{
    public bool Stored => Request.Store != false;
}
