using System.Text.Json.Nodes;

namespace ChatApi.Tests.Infrastructure;

/// <summary>Request bodies as a client writes them.</summary>
public static class Requests
{
    public static JsonObject Chat(string prompt = "Hello!", string model = "gpt-4o") => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
    };

    public static JsonObject With(this JsonObject body, string key, JsonNode? value)
    {
        body[key] = value;
        return body;
    }

    public static JsonObject FunctionTool(string name, string parametersJson, string? description = null) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["parameters"] = JsonNode.Parse(parametersJson),
        },
    };

    public static JsonObject Response(string input = "Hello!", string model = "gpt-4o") => new()
    {
        ["model"] = model,
        ["input"] = input,
    };

    public static JsonObject ResponseFunctionTool(string name = "get_weather") => new()
    {
        ["type"] = "function",
        ["name"] = name,
        ["description"] = "The weather in a city",
        ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"""),
        ["strict"] = true,
    };
}
