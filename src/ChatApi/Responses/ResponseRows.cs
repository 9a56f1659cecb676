using System.Text.Json;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses;
using ChatApi.Storage;

namespace ChatApi.Responses;

/// <summary>The stored row of a finished response: its JSON, its input items, and the conversation after it.</summary>
public static class ResponseRows
{
    public static StoredResponse For(ResponseTurn turn, Response response, ChatCompletionRequestMessage assistantTurn)
    {
        List<ChatCompletionRequestMessage> context = [.. turn.Context, .. turn.Input.Messages, assistantTurn];
        return new StoredResponse
        {
            Id = response.Id,
            Model = response.Model,
            CreatedAt = response.CreatedAt,
            ResponseJson = JsonSerializer.Serialize(response, ChatApiJson.Options.GetTypeInfo(typeof(Response))),
            InputItemsJson = turn.Input.Items.ToJsonString(),
            ContextJson = JsonSerializer.Serialize<IReadOnlyList<ChatCompletionRequestMessage>>(context, ChatApiJsonContext.Default.IReadOnlyListChatCompletionRequestMessage),
        };
    }

    public static IReadOnlyList<ChatCompletionRequestMessage> ReadContext(string json) =>
        JsonSerializer.Deserialize(json, ChatApiJsonContext.Default.IReadOnlyListChatCompletionRequestMessage) ?? [];
}
