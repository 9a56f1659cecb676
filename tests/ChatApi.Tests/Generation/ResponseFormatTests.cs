using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Generation;

public sealed class ResponseFormatTests
{
    const string OrderSchema = """
        {"type":"object","additionalProperties":false,
         "required":["id","status","items","customer","note","payment","placed"],
         "properties":{
           "id":{"type":"string","format":"uuid"},
           "status":{"type":"string","enum":["open","paid","shipped"]},
           "items":{"type":"array","minItems":2,"maxItems":4,"items":{"$ref":"#/$defs/item"}},
           "customer":{"type":"object","additionalProperties":false,"required":["name","email","age"],
             "properties":{"name":{"type":"string"},"email":{"type":"string","format":"email"},"age":{"type":"integer","minimum":18,"maximum":99}}},
           "note":{"type":["string","null"]},
           "payment":{"anyOf":[
             {"type":"object","additionalProperties":false,"required":["card"],"properties":{"card":{"type":"string","minLength":4,"maxLength":4}}},
             {"type":"object","additionalProperties":false,"required":["iban"],"properties":{"iban":{"type":"string"}}}]},
           "placed":{"type":"string","format":"date-time"}},
         "$defs":{"item":{"type":"object","additionalProperties":false,"required":["sku","quantity","price"],
           "properties":{"sku":{"type":"string"},"quantity":{"type":"integer","minimum":1,"maximum":10},"price":{"type":"number","minimum":0,"exclusiveMaximum":1000}}}}}
        """;

    static JsonObject SchemaFormat(string schema) => new()
    {
        ["type"] = "json_schema",
        ["json_schema"] = new JsonObject { ["name"] = "order", ["strict"] = true, ["schema"] = JsonNode.Parse(schema) },
    };

    [Theory]
    [InlineData(1), InlineData(2), InlineData(3), InlineData(4), InlineData(5), InlineData(6), InlineData(7), InlineData(8), InlineData(9), InlineData(10)]
    public async Task Create_JsonSchema_ContentValidatesForEverySeed(int seed)
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Requests.Chat("Make up an order.")
            .With("response_format", SchemaFormat(OrderSchema)).With("seed", seed));

        var content = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        await SchemaAssert.ValidAsync(OrderSchema, content);
    }

    [Fact]
    public async Task Create_JsonObject_ContentIsAJsonObject()
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Requests.Chat("Answer in JSON please.")
            .With("response_format", new JsonObject { ["type"] = "json_object" }));

        var content = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(content).RootElement.ValueKind);
    }

    [Fact]
    public async Task Create_JsonSchemaWithNonAsciiEnum_WritesTheCharactersUnescaped()
    {
        await using var app = new ChatApiFactory();
        var format = new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject
            {
                ["name"] = "city",
                ["schema"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"enum":["Zürich"]}},"required":["city"],"additionalProperties":false}"""),
            },
        };

        var completion = await app.CreateClient().CompleteAsync(Requests.Chat("Pick a city.").With("response_format", format));

        Assert.Equal("""{"city":"Zürich"}""", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Create_JsonObjectWithoutTheWordJson_Returns400()
    {
        await using var app = new ChatApiFactory();

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Answer please.")
            .With("response_format", new JsonObject { ["type"] = "json_object" }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("messages", body.GetProperty("error").GetProperty("param").GetString());
        Assert.Contains("json", body.GetProperty("error").GetProperty("message").GetString());
    }
}
