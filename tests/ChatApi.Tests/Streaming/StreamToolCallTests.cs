using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Streaming;

public sealed class StreamToolCallTests
{
    const string WeatherParameters = """
        {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},
         "required":["city","unit"],"additionalProperties":false}
        """;

    [Fact]
    public async Task Stream_ToolCall_SendsIdAndNameThenArgumentFragments()
    {
        await using var app = new ChatApiFactory();

        var stream = await SseStream.PostAsync(app.CreateClient(), Requests.Chat("What is the weather in Oslo?")
            .With("tools", new JsonArray(Requests.FunctionTool("get_weather", WeatherParameters))));

        var deltas = stream.ChoiceDeltas(0);
        var opening = deltas[0].GetProperty("delta");
        Assert.Equal("assistant", opening.GetProperty("role").GetString());
        var call = Assert.Single(opening.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(0, call.GetProperty("index").GetInt32());
        Assert.StartsWith("call_", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("", call.GetProperty("function").GetProperty("arguments").GetString());

        var fragments = deltas.Skip(1).SkipLast(1).Select(d => Assert.Single(d.GetProperty("delta").GetProperty("tool_calls").EnumerateArray())).ToList();
        Assert.True(fragments.Count > 1, "arguments arrive in several fragments");
        Assert.All(fragments, f =>
        {
            Assert.Equal(0, f.GetProperty("index").GetInt32());
            Assert.False(f.TryGetProperty("id", out _));
            Assert.Equal("arguments", Assert.Single(f.GetProperty("function").EnumerateObject()).Name);
        });
        var arguments = JsonDocument.Parse(string.Concat(fragments.Select(f => f.GetProperty("function").GetProperty("arguments").GetString()))).RootElement;
        Assert.Contains(arguments.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });

        Assert.Equal("{}", deltas[^1].GetProperty("delta").GetRawText());
        Assert.Equal("tool_calls", deltas[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Stream_ParallelToolCalls_NumbersEachCallByIndex()
    {
        await using var app = new ChatApiFactory();

        var stream = await SseStream.PostAsync(app.CreateClient(), Requests.Chat("Check the weather and the time in Oslo.")
            .With("tools", new JsonArray(
                Requests.FunctionTool("get_weather", WeatherParameters),
                Requests.FunctionTool("get_time", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""))));

        var openings = stream.ChoiceDeltas(0)
            .SelectMany(d => d.GetProperty("delta").TryGetProperty("tool_calls", out var calls) ? calls.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(c => c.TryGetProperty("id", out _))
            .Select(c => (c.GetProperty("index").GetInt32(), c.GetProperty("function").GetProperty("name").GetString()))
            .ToList();
        Assert.Equal([(0, "get_weather"), (1, "get_time")], openings);
    }
}
