using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Scripted;

public sealed class ScriptedStreamTests
{
    [Fact]
    public async Task Stream_RuleWithContent_StreamsTheContentAndDone()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer: { content: "Streaming a scripted answer, token by token." }
            """);
        var client = rules.App.CreateClient();
        var request = ScriptedRequests.Chat(stream: true);
        request["stream_options"] = new JsonObject { ["include_usage"] = true };

        var (events, completed) = await ReadEventsAsync(client, request);

        Assert.True(completed);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var content) ? content.GetString() : ""));
        Assert.Equal("Streaming a scripted answer, token by token.", text);
        Assert.True(chunks.Count > 5);
        Assert.True(chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Stream_RuleWithToolCall_StreamsToolCallDeltas()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer:
                  toolCalls:
                    - { id: call_weather1, name: get_weather, arguments: { city: Paris } }
            """);
        var client = rules.App.CreateClient();

        var (events, completed) = await ReadEventsAsync(client, ScriptedRequests.Chat(stream: true));

        Assert.True(completed);
        Assert.Equal("[DONE]", events[^1]);
        var choices = events[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices"))
            .Where(c => c.GetArrayLength() > 0).Select(c => c[0]).ToList();
        var calls = choices.Select(c => c.GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .SelectMany(d => d.GetProperty("tool_calls").EnumerateArray()).ToList();
        Assert.NotEmpty(calls);
        Assert.Equal("call_weather1", calls[0].GetProperty("id").GetString());
        Assert.Equal("get_weather", calls[0].GetProperty("function").GetProperty("name").GetString());
        var arguments = string.Concat(calls.Select(c => c.GetProperty("function").TryGetProperty("arguments", out var a) ? a.GetString() : ""));
        Assert.Equal("""{"city":"Paris"}""", arguments);
        Assert.Equal("tool_calls", choices[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Stream_CutAfterChunks_EndsWithoutDone()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer:
                  content: "This answer will never arrive in full because the connection drops."
                  cutAfterChunks: 3
            """);
        using var client = new HttpClient { BaseAddress = rules.App.StartOnLoopback() };

        var (events, completed) = await ReadEventsAsync(client, ScriptedRequests.Chat(stream: true));

        Assert.False(completed);
        Assert.Equal(3, events.Count);
        Assert.DoesNotContain("[DONE]", events);
        Assert.All(events, e => Assert.Equal("chat.completion.chunk", JsonDocument.Parse(e).RootElement.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task Create_CutWithoutStreaming_DropsTheConnectionBeforeAnyResponse()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - match: { model: gpt-4o }
                answer: { cutAfterChunks: 0 }
            """);
        using var client = new HttpClient { BaseAddress = rules.App.StartOnLoopback() };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.SendChatAsync(ScriptedRequests.Chat()));
        var (status, _) = await client.SendChatAsync(ScriptedRequests.Chat(model: "gpt-5"));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>The SSE data payloads received, and whether the response body ended cleanly.</summary>
    static async Task<(List<string> Events, bool Completed)> ReadEventsAsync(HttpClient client, JsonObject body)
    {
        var stream = await SseStream.PostAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.Equal("text/event-stream", stream.ContentType);
        return ([.. stream.Events], stream.Completed);
    }
}
