using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Generation;

public sealed class StrictSchemaTests
{
    static JsonObject StrictFormat(string schema) => new()
    {
        ["type"] = "json_schema",
        ["json_schema"] = new JsonObject { ["name"] = "answer", ["strict"] = true, ["schema"] = JsonNode.Parse(schema) },
    };

    [Fact]
    public async Task Create_StrictSchemaWithoutAdditionalPropertiesFalse_Returns400AsOpenAI()
    {
        await using var app = new ChatApiFactory();

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi")
            .With("response_format", StrictFormat("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal("Invalid schema for response_format 'answer': In context=(), 'additionalProperties' is required to be supplied and to be false.", error.GetProperty("message").GetString());
        Assert.Equal("response_format", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Create_StrictSchemaWithOptionalNestedProperty_Returns400NamingIt()
    {
        await using var app = new ChatApiFactory();
        const string schema = """
            {"type":"object","additionalProperties":false,"required":["address"],"properties":{
              "address":{"type":"object","additionalProperties":false,"required":["city"],
                "properties":{"city":{"type":"string"},"zip":{"type":"string"}}}}}
            """;

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi")
            .With("response_format", StrictFormat(schema)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            "Invalid schema for response_format 'answer': In context=('properties', 'address'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'zip'.",
            body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_StrictFunctionWithLooseSchema_Returns400ForItsParameters()
    {
        await using var app = new ChatApiFactory();
        var tool = Requests.FunctionTool("get_time", """{"type":"object","properties":{"zone":{"type":"string"}}}""");
        tool["function"]!["strict"] = true;

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi")
            .With("tools", new JsonArray(tool)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal("tools[0].function.parameters", error.GetProperty("param").GetString());
        Assert.Equal("invalid_function_parameters", error.GetProperty("code").GetString());
        Assert.StartsWith("Invalid schema for function 'get_time': In context=()", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_NotStrictLooseSchema_IsAccepted()
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Requests.Chat("Hi").With("response_format", new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = "answer", ["schema"] = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""") },
        }));

        var content = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(content).RootElement.ValueKind);
    }
}
