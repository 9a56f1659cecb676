using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Generation;

/// <summary>The deprecated <c>functions</c> / <c>function_call</c>, answered as OpenAI answered them.</summary>
public sealed class LegacyFunctionTests
{
    const string WeatherParameters = """
        {"type":"object","required":["city","unit"],"properties":{
          "city":{"type":"string","description":"The city"},
          "unit":{"type":"string","enum":["celsius","fahrenheit"]},
          "zip":{"type":"string","pattern":"^\\d{5}$"}}}
        """;

    static JsonObject Weather(string prompt, JsonNode? functionCall = null)
    {
        var body = Requests.Chat(prompt).With("functions", new JsonArray(
            new JsonObject { ["name"] = "get_weather", ["description"] = "Current weather", ["parameters"] = JsonNode.Parse(WeatherParameters) },
            new JsonObject { ["name"] = "get_time", ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"zone":{"type":"string"}}}""") }));
        if (functionCall is not null)
            body["function_call"] = functionCall;
        return body;
    }

    [Fact]
    public async Task Create_AutoAndFunctionMentioned_AnswersFunctionCall()
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Weather("What's the weather in Paris?"));

        var choice = completion.GetProperty("choices")[0];
        Assert.Equal("function_call", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.False(message.TryGetProperty("tool_calls", out _));
        Assert.Equal("get_weather", message.GetProperty("function_call").GetProperty("name").GetString());
        var arguments = message.GetProperty("function_call").GetProperty("arguments").GetString()!;
        await SchemaAssert.ValidAsync(WeatherParameters, arguments);
        Assert.Equal("Paris", JsonNode.Parse(arguments)!["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ForcedByName_CallsThatFunctionEvenUnmentioned()
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Weather("Hello there", new JsonObject { ["name"] = "get_time" }));

        Assert.Equal("get_time", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("function_call").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("auto")]
    public async Task Create_NoneOrUnmentioned_AnswersText(string mode)
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Weather(mode == "none" ? "get_weather for Paris" : "Hello there", mode));

        var choice = completion.GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("function_call", out _));
        Assert.NotEmpty(choice.GetProperty("message").GetProperty("content").GetString()!);
    }

    [Fact]
    public async Task Create_AfterFunctionResult_AnswersTextAndStoresTheFunctionMessages()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var body = Weather("What's the weather in Paris?");
        body["store"] = true;
        body["messages"]!.AsArray().Add(new JsonObject
        {
            ["role"] = "assistant", ["content"] = null,
            ["function_call"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = """{"city":"Paris","unit":"celsius"}""" },
        });
        body["messages"]!.AsArray().Add(new JsonObject { ["role"] = "function", ["name"] = "get_weather", ["content"] = """{"temp":21}""" });

        var completion = await client.CompleteAsync(body);
        var id = completion.GetProperty("id").GetString();
        var messages = await client.GetJsonAsync($"/v1/chat/completions/{id}/messages");

        Assert.Equal("stop", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var stored = messages.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "function"], stored.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("get_weather", stored[1].GetProperty("function_call").GetProperty("name").GetString());
        Assert.Equal("get_weather", stored[2].GetProperty("name").GetString());
        Assert.Equal("""{"temp":21}""", stored[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Create_StoredFunctionCall_IsListedWithIt()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var body = Weather("What's the weather in Paris?");
        body["store"] = true;

        var id = (await client.CompleteAsync(body)).GetProperty("id").GetString();
        var got = await client.GetJsonAsync($"/v1/chat/completions/{id}");
        var listed = await client.GetJsonAsync("/v1/chat/completions");

        Assert.Equal("get_weather", got.GetProperty("choices")[0].GetProperty("message").GetProperty("function_call").GetProperty("name").GetString());
        Assert.Equal("function_call", listed.GetProperty("data")[0].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Stream_FunctionCall_SendsNameThenArgumentFragments()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var body = Weather("What's the weather in Paris?");
        body["store"] = true;

        var stream = await SseStream.PostAsync(client, body);

        var deltas = stream.ChoiceDeltas(0);
        var first = deltas[0].GetProperty("delta");
        Assert.Equal("assistant", first.GetProperty("role").GetString());
        Assert.Equal("get_weather", first.GetProperty("function_call").GetProperty("name").GetString());
        Assert.Equal("", first.GetProperty("function_call").GetProperty("arguments").GetString());
        var fragments = deltas.Skip(1).Where(d => d.GetProperty("delta").TryGetProperty("function_call", out _)).ToList();
        Assert.True(fragments.Count > 3, "arguments come in several fragments");
        Assert.All(fragments, f => Assert.False(f.GetProperty("delta").GetProperty("function_call").TryGetProperty("name", out _)));
        var arguments = string.Concat(fragments.Select(f => f.GetProperty("delta").GetProperty("function_call").GetProperty("arguments").GetString()));
        await SchemaAssert.ValidAsync(WeatherParameters, arguments);
        Assert.Equal("function_call", deltas[^1].GetProperty("finish_reason").GetString());

        var nonStreamed = await client.CompleteAsync(Weather("What's the weather in Paris?"));
        Assert.Equal(nonStreamed.GetProperty("choices")[0].GetProperty("message").GetProperty("function_call").GetProperty("arguments").GetString(), arguments);
        var stored = await client.GetJsonAsync("/v1/chat/completions");
        Assert.Equal(arguments, stored.GetProperty("data")[0].GetProperty("choices")[0].GetProperty("message").GetProperty("function_call").GetProperty("arguments").GetString());
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { """{"functions":[]}""", "functions", "Invalid 'functions': empty array. Expected an array with minimum length 1, but got an empty array instead." },
        { """{"functions":[{"description":"x"}]}""", "functions[0].name", "Missing required parameter: 'functions[0].name'." },
        { """{"functions":[{"name":"bad name"}]}""", "functions[0].name", "Invalid 'functions[0].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'." },
        { """{"functions":[{"name":"f","parameters":[]}]}""", "functions[0].parameters", "Invalid type for 'functions[0].parameters': expected an object." },
        { """{"functions":[{"name":"f"}],"function_call":"always"}""", "function_call", "Invalid value: 'always'. Supported values are: 'none', and 'auto'." },
        { """{"function_call":"auto"}""", "function_call", "Invalid value for 'function_call': 'function_call' is only allowed when 'functions' are specified." },
        { """{"functions":[{"name":"f"}],"function_call":{"name":"g"}}""", "function_call", "Invalid value for 'function_call': function 'g' is not among the 'functions'." },
        { """{"functions":[{"name":"f"}],"function_call":{}}""", "function_call.name", "Missing required parameter: 'function_call.name'." },
        { """{"functions":[{"name":"f"}],"function_call":1}""", "function_call", "Invalid type for 'function_call': expected one of a string or an object." },
        { """{"messages":[{"role":"user","content":"hi"},{"role":"function","content":"{}"}]}""", "messages[1].name", "Missing required parameter: 'messages[1].name'." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Create_BadFunctions_Answers400InOpenAIsWords(string extra, string param, string message)
    {
        await using var app = new ChatApiFactory();
        var body = Requests.Chat("hi");
        foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject().ToList())
            body[key] = value?.DeepClone();

        var (status, json) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(param, json.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(message, json.GetProperty("error").GetProperty("message").GetString());
    }
}
