using System.Text.Json.Nodes;

namespace ChatApi.Tests.Generation;

/// <summary>Tool arguments take what the last user message names when it fits the parameter.</summary>
public sealed class ConversationArgumentsTests
{
    static async Task<JsonNode> ArgumentsAsync(string prompt, string name, string parameters, string? description = null)
    {
        await using var app = new ChatApiFactory();
        var body = Requests.Chat(prompt).With("tools", new JsonArray(Requests.FunctionTool(name, parameters, description)));
        body["tool_choice"] = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name } };
        var completion = await app.CreateClient().CompleteAsync(body);
        var arguments = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()!;
        await SchemaAssert.ValidAsync(parameters, arguments);
        return JsonNode.Parse(arguments)!;
    }

    [Fact]
    public async Task Call_CityNamedInPrompt_IsTheCityArgument()
    {
        var arguments = await ArgumentsAsync("What's the weather in Paris?", "get_weather",
            """{"type":"object","required":["city","unit"],"properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}}}""");

        Assert.Equal("Paris", arguments["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Call_PhraseEmailDateNumberAndEnum_EachGoToTheirParameter()
    {
        var arguments = await ArgumentsAsync(
            "Please book a table at \"Chez Marie\" in New York on 2025-03-14 for 4 people, in Celsius, and email jo@example.org",
            "book_table",
            """
            {"type":"object","required":["restaurant","city","date","party_size","contact_email","unit"],"properties":{
              "restaurant":{"type":"string","description":"Restaurant name"},
              "city":{"type":"string"},
              "date":{"type":"string","format":"date"},
              "party_size":{"type":"string","description":"Number of guests"},
              "contact_email":{"type":"string"},
              "unit":{"type":"string","enum":["celsius","fahrenheit"]}}}
            """);

        Assert.Equal("Chez Marie", arguments["restaurant"]!.GetValue<string>());
        Assert.Equal("New York", arguments["city"]!.GetValue<string>());
        Assert.Equal("2025-03-14", arguments["date"]!.GetValue<string>());
        Assert.Equal("4", arguments["party_size"]!.GetValue<string>());
        Assert.Equal("jo@example.org", arguments["contact_email"]!.GetValue<string>());
        Assert.Equal("celsius", arguments["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Call_NamedValueBreakingTheSchema_IsNotUsed()
    {
        var arguments = await ArgumentsAsync("What's the weather in Paris?", "get_weather",
            """{"type":"object","required":["city"],"properties":{"city":{"type":"string","pattern":"^[A-Z]{3}$"}}}""");

        Assert.NotEqual("Paris", arguments["city"]!.GetValue<string>());
        Assert.Matches("^[A-Z]{3}$", arguments["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Call_NothingNamed_GeneratesAsBefore()
    {
        var first = await ArgumentsAsync("what is the weather like", "get_weather",
            """{"type":"object","required":["city"],"properties":{"city":{"type":"string"}}}""");
        var again = await ArgumentsAsync("what is the weather like", "get_weather",
            """{"type":"object","required":["city"],"properties":{"city":{"type":"string"}}}""");

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.DoesNotContain("What", first["city"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Weather in Oslo?", "Oslo")]
    [InlineData("Forecast please. Trains to Bergen from Oslo tomorrow?", "Bergen")]
    [InlineData("Paris is lovely in spring, what is it like now?", "Paris")]
    public async Task Call_WordThatOnlyStartsASentence_ComesAfterTheNames(string prompt, string city)
    {
        var arguments = await ArgumentsAsync(prompt, "get_weather",
            """{"type":"object","required":["city"],"properties":{"city":{"type":"string"}}}""");

        Assert.Equal(city, arguments["city"]!.GetValue<string>());
    }
}
