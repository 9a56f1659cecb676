using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Generation;

public sealed class ToolCallTests
{
    const string WeatherParameters = """
        {"type":"object","additionalProperties":false,"required":["location","unit","days"],
         "properties":{
           "location":{"type":"object","additionalProperties":false,"required":["city","country"],
             "properties":{"city":{"type":"string"},"country":{"type":"string","minLength":2,"maxLength":2}}},
           "unit":{"type":"string","enum":["celsius","fahrenheit"]},
           "days":{"type":"integer","minimum":1,"maximum":7},
           "hours":{"type":"array","items":{"type":"integer","minimum":0,"maximum":23},"minItems":1,"maxItems":3},
           "when":{"type":"string","format":"date-time"}}}
        """;

    static JsonObject Weather(string prompt, JsonNode? toolChoice = null, bool? parallel = null)
    {
        var body = Requests.Chat(prompt).With("tools", new JsonArray(
            Requests.FunctionTool("get_weather", WeatherParameters, "Current weather for a place"),
            Requests.FunctionTool("get_time", """{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}""")));
        if (toolChoice is not null)
            body["tool_choice"] = toolChoice;
        if (parallel is not null)
            body["parallel_tool_calls"] = parallel;
        return body;
    }

    static JsonElement Choice(JsonElement completion) => Assert.Single(completion.GetProperty("choices").EnumerateArray());

    [Fact]
    public async Task Create_AutoAndPromptMentionsTool_CallsItWithSchemaValidArguments()
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Weather("What's the weather in Oslo?"));

        var choice = Choice(completion);
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.StartsWith("call_", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        await SchemaAssert.ValidAsync(WeatherParameters, call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.True(completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32() >= 10, "the arguments count as generated tokens");
    }

    [Theory]
    [InlineData(1), InlineData(2), InlineData(3), InlineData(4), InlineData(5), InlineData(6), InlineData(7), InlineData(8)]
    public async Task Create_NamedFunction_ArgumentsValidateForEverySeed(int seed)
    {
        await using var app = new ChatApiFactory();
        var choice = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_weather" } };

        var completion = await app.CreateClient().CompleteAsync(Weather("Hi there", choice).With("seed", seed));

        var call = Assert.Single(Choice(completion).GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        await SchemaAssert.ValidAsync(WeatherParameters, call.GetProperty("function").GetProperty("arguments").GetString()!);
    }

    [Fact]
    public async Task Create_AutoWithoutMention_AnswersInText()
    {
        await using var app = new ChatApiFactory();

        var choice = Choice(await app.CreateClient().CompleteAsync(Weather("Tell me a joke.")));

        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.NotEmpty(choice.GetProperty("message").GetProperty("content").GetString()!);
    }

    [Fact]
    public async Task Create_LastMessageIsToolResult_AnswersInText()
    {
        await using var app = new ChatApiFactory();
        var body = Weather("What's the weather in Oslo?");
        body["messages"]!.AsArray().Add(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = "call_1", ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = """{"city":"Oslo"}""" },
            }),
        });
        body["messages"]!.AsArray().Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = "12°C, cloudy" });

        var choice = Choice(await app.CreateClient().CompleteAsync(body));

        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.String, choice.GetProperty("message").GetProperty("content").ValueKind);
    }

    [Fact]
    public async Task Create_ToolChoiceNone_AnswersInTextEvenWhenMentioned()
    {
        await using var app = new ChatApiFactory();

        var choice = Choice(await app.CreateClient().CompleteAsync(Weather("What's the weather in Oslo?", "none")));

        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Create_RequiredWithoutMention_CallsOneTool()
    {
        await using var app = new ChatApiFactory();

        var choice = Choice(await app.CreateClient().CompleteAsync(Weather("Tell me a joke.", "required")));

        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Single(choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray());
    }

    [Fact]
    public async Task Create_TwoToolsMentioned_CallsBothUnlessParallelIsOff()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var parallel = Choice(await client.CompleteAsync(Weather("What are the weather and the time in Oslo?")));
        var single = Choice(await client.CompleteAsync(Weather("What are the weather and the time in Oslo?", parallel: false)));

        Assert.Equal(["get_weather", "get_time"], parallel.GetProperty("message").GetProperty("tool_calls").EnumerateArray()
            .Select(c => c.GetProperty("function").GetProperty("name").GetString()));
        Assert.Single(single.GetProperty("message").GetProperty("tool_calls").EnumerateArray());
    }

    [Fact]
    public async Task Create_AllowedToolsRequired_CallsOnlyAnAllowedTool()
    {
        await using var app = new ChatApiFactory();
        var choice = new JsonObject
        {
            ["type"] = "allowed_tools",
            ["allowed_tools"] = new JsonObject
            {
                ["mode"] = "required",
                ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_time" } }),
            },
        };

        var completion = await app.CreateClient().CompleteAsync(Weather("What's the weather in Oslo?", choice));

        var call = Assert.Single(Choice(completion).GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("get_time", call.GetProperty("function").GetProperty("name").GetString());
    }
}
