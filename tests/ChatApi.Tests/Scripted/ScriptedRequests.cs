using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Scripted;

/// <summary>Chat requests as the scripted-answer tests send them.</summary>
public static class ScriptedRequests
{
    /// <summary>A one-message chat request; metadata implies <c>store: true</c>, as the API requires.</summary>
    public static JsonObject Chat(string content = "Hello!", string model = "gpt-4o", JsonObject? metadata = null, bool stream = false, bool store = false)
    {
        var body = Requests.Chat(content, model);
        if (metadata is not null)
        {
            body["metadata"] = metadata;
            store = true;
        }
        if (stream)
            body["stream"] = true;
        if (store)
            body["store"] = true;
        return body;
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> SendChatAsync(this HttpClient client, JsonObject body) =>
        client.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", body);

    public static string? ReplyText(this JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
}
