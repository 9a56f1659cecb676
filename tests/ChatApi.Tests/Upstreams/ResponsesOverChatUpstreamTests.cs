using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Tests.Contract;

namespace ChatApi.Tests.Upstreams;

/// <summary>The Responses API in front of a chat-only upstream (llama.cpp, vLLM's chat endpoint): translated both ways, state kept by ChatApi.</summary>
public sealed class ResponsesOverChatUpstreamTests
{
    [Fact]
    public async Task Create_ChatOnlyUpstream_SendsAChatRequestAndTranslatesTheReplyWithItsReasoning()
    {
        var spec = await OpenAISpec.GetAsync();
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.LlamaCppCompletion));
        await using var front = RelayFixture.Front(upstream);
        var body = Requests.Response("Hi", "vendor-llama").With("instructions", "Be brief.").With("max_output_tokens", 64);

        var (status, response) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/responses", body);

        Assert.Equal(HttpStatusCode.OK, status);
        spec.AssertValid("Response", response.GetRawText());
        var received = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/chat/completions", received.Path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]"""), received.Body["messages"]), received.Body.ToJsonString());
        Assert.Equal(64, received.Body["max_completion_tokens"]!.GetValue<int>());
        Assert.DoesNotContain(received.Body, p => p.Value is null);
        var output = response.GetProperty("output");
        Assert.Equal("reasoning", output[0].GetProperty("type").GetString());
        Assert.Equal("Greet back.", output[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("Hi there", output[1].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(9, response.GetProperty("usage").GetProperty("input_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_ChatOnlyUpstream_EventByEventWithReasoningThenText()
    {
        var spec = await OpenAISpec.GetAsync();
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events([.. VendorShapes.VllmStream, VendorShapes.UsageChunk]));
        await using var front = RelayFixture.Front(upstream);

        var stream = await ResponseEvents.PostAsync(front.CreateClient(), Requests.Response("Hi", "vendor-llama"));

        foreach (var (_, data) in stream.Raw)
            spec.AssertValid("ResponseStreamEvent", data);
        Assert.Equal(
            ["response.created", "response.in_progress",
             "response.output_item.added", "response.reasoning_text.delta", "response.reasoning_text.delta", "response.reasoning_text.done", "response.output_item.done",
             "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
             "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
            stream.Types);
        Assert.Equal("Hello", stream.TextDeltas);
        Assert.Equal(7, stream.Last.GetProperty("response").GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.True(Assert.Single(upstream.Requests).Body["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ToolCallThenOutput_ChatOnlyUpstream_ContinuesFromChatApisOwnState()
    {
        await using var upstream = await FakeUpstream.StartAsync(
            UpstreamReply.Events(VendorShapes.ToolCallStream),
            UpstreamReply.Body(VendorShapes.LlamaCppCompletion));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();
        var tools = new JsonArray(Requests.ResponseFunctionTool());

        var first = await ResponseEvents.PostAsync(client, Requests.Response("Weather in Paris?", "vendor-llama").With("tools", tools));
        var call = first.Last.GetProperty("response").GetProperty("output")[0];
        var second = await client.PostJsonAsync("/v1/responses", new JsonObject
        {
            ["model"] = "vendor-llama",
            ["previous_response_id"] = first.Last.GetProperty("response").GetProperty("id").GetString(),
            ["input"] = new JsonArray(new JsonObject { ["type"] = "function_call_output", ["call_id"] = call.GetProperty("call_id").GetString(), ["output"] = "21 degrees" }),
            ["tools"] = tools.DeepClone(),
        });

        Assert.Equal("function_call", call.GetProperty("type").GetString());
        Assert.Equal("""{"city":"Paris"}""", call.GetProperty("arguments").GetString());
        Assert.Equal("call_1", call.GetProperty("call_id").GetString());
        var messages = upstream.Requests[1].Body["messages"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"role":"user","content":"Weather in Paris?"},
             {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
             {"role":"tool","content":"21 degrees","tool_call_id":"call_1"}]
            """), messages), messages.ToJsonString());
        Assert.Equal("get_weather", upstream.Requests[1].Body["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("Hi there", second.GetProperty("output")[1].GetProperty("content")[0].GetProperty("text").GetString());
    }
}
