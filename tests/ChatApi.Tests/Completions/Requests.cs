using System.Text.Json.Nodes;

namespace ChatApi.Tests.Completions;

/// <summary>Request bodies the completion tests share.</summary>
internal static class Requests
{
    public static JsonObject Chat(string content = "Hello!", string model = "gpt-4o") => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
    };

    public static JsonObject With(this JsonObject request, string name, JsonNode? value)
    {
        request[name] = value;
        return request;
    }
}
