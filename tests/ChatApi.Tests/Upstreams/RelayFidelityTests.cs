using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Upstreams;

/// <summary>What crosses ChatApi to and from an upstream arrives as sent: JSON trees compared whole, both ways.</summary>
public sealed class RelayFidelityTests
{
    [Fact]
    public async Task Create_VendorFieldsEverywhere_UpstreamGetsTheBodyMinusStoreAndMetadata()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream);
        var sent = RelayFixture.VendorRequest().With("store", true).With("metadata", new JsonObject { ["team"] = "red" });

        await front.CreateClient().CompleteAsync(sent);

        var expected = sent.DeepClone().AsObject();
        expected.Remove("store");
        expected.Remove("metadata");
        var received = Assert.Single(upstream.Requests);
        Assert.True(JsonNode.DeepEquals(expected, received.Body), $"sent {expected.ToJsonString()}\nreceived {received.Body.ToJsonString()}");
        Assert.Equal("Bearer sk-upstream-a", received.Authorization);
    }

    [Fact]
    public async Task Create_PlainRequest_ArrivesWithOnlyItsOwnFields()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream);

        await front.CreateClient().CompleteAsync(Requests.Chat("Hi", "vendor-llama"));

        var received = Assert.Single(upstream.Requests).Body;
        Assert.Equal(["model", "messages"], received.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(Requests.Chat("Hi", "vendor-llama"), received));
    }

    [Fact]
    public async Task Create_ClientsOwnKey_NeverForwarded()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "sk-client-secret");

        await client.CompleteAsync(Requests.Chat("Hi", "vendor-llama"));

        Assert.Equal("Bearer sk-upstream-a", Assert.Single(upstream.Requests).Authorization);
    }

    [Theory]
    [InlineData(VendorShapes.VllmCompletion)]
    [InlineData(VendorShapes.LlamaCppCompletion)]
    public async Task Create_VendorReply_ClientGetsTheBytesAsSentAndTheStoreKeepsEveryField(string reply)
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(reply));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", Json(Requests.Chat("Hi", "vendor-llama").With("store", true)), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(reply, text);
        var id = JsonDocument.Parse(reply).RootElement.GetProperty("id").GetString();
        var stored = JsonNode.Parse((await client.GetJsonAsync($"/v1/chat/completions/{id}")).GetRawText())!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(reply)!.AsObject())
            Assert.True(JsonNode.DeepEquals(value, stored[name]), $"stored {name}: {stored[name]?.ToJsonString()} ≠ {value?.ToJsonString()}");
        Assert.Equal("a", stored["chatapi"]!["backend"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_StreamWithReasoning_EveryEventRelayedAsSentAndTheStoredCopyAssembled()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events([.. VendorShapes.VllmStream, VendorShapes.UsageChunk]));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();

        var stream = await SseStream.PostAsync(client, Requests.Chat("Hi", "vendor-llama").With("store", true));

        // ChatApi asked for usage to store it; the client, who did not, is not shown the usage chunk.
        Assert.Equal([.. VendorShapes.VllmStream, "[DONE]"], stream.Events);
        Assert.True(stream.Completed);
        Assert.True(Assert.Single(upstream.Requests).Body["stream_options"]!["include_usage"]!.GetValue<bool>());

        var stored = await client.GetJsonAsync("/v1/chat/completions/chatcmpl-vllm-2");
        var choice = stored.GetProperty("choices")[0];
        Assert.Equal("Hello", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("Thinking.", choice.GetProperty("message").GetProperty("reasoning_content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(128009, choice.GetProperty("stop_reason").GetInt32());
        Assert.Equal("[9906,78]", choice.GetProperty("token_ids").GetRawText());
        Assert.Equal(5, stored.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("chat.completion", stored.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Create_UnstoredStream_ForwardedExactlyAsSent()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events(VendorShapes.VllmStream));
        await using var front = RelayFixture.Front(upstream);
        var sent = RelayFixture.VendorRequest().With("stream", true);

        var stream = await SseStream.PostAsync(front.CreateClient(), sent.DeepClone().AsObject());

        Assert.True(JsonNode.DeepEquals(sent, Assert.Single(upstream.Requests).Body));
        Assert.Equal([.. VendorShapes.VllmStream, "[DONE]"], stream.Events);
    }

    [Fact]
    public async Task Create_StreamedToolCall_StoredAsOneCall()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events(VendorShapes.ToolCallStream));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();

        var stream = await SseStream.PostAsync(client, Requests.Chat("Weather in Paris?", "vendor-llama").With("store", true));

        Assert.Equal([.. VendorShapes.ToolCallStream, "[DONE]"], stream.Events);
        var stored = await client.GetJsonAsync("/v1/chat/completions/chatcmpl-t");
        var call = Assert.Single(stored.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task Create_UpstreamSendsNoUsage_StoredCopyCarriesChatApisCountBesideIt()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events(VendorShapes.VllmStream));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();

        await SseStream.PostAsync(client, Requests.Chat("Hi", "vendor-llama").With("store", true));

        var stored = await client.GetJsonAsync("/v1/chat/completions/chatcmpl-vllm-2");
        Assert.False(stored.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object);
        var counted = stored.GetProperty("chatapi").GetProperty("counted_usage");
        Assert.Equal(8, counted.GetProperty("prompt_tokens").GetInt32()); // "Hi" as one user message, counted with o200k
        Assert.True(counted.GetProperty("completion_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Messages_AssistantTurnWithReasoning_KeptOnTheStoredMessage()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();

        await client.CompleteAsync(RelayFixture.VendorRequest().With("store", true));

        var messages = (await client.GetJsonAsync("/v1/chat/completions/chatcmpl-vllm-1/messages")).GetProperty("data");
        Assert.Equal(4, messages.GetArrayLength());
        Assert.Equal("They greeted me.", messages[2].GetProperty("reasoning_content").GetString());
        Assert.Equal("video_url", messages[3].GetProperty("content_parts")[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_AliasedModel_UpstreamGetsItsNameAndTheListFiltersByTheAlias()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream, new()
        {
            ["Backends:Routes:local-llama"] = "a",
            ["Backends:Aliases:local-llama"] = "meta-llama/Llama-3.1-8B-Instruct",
        });
        var client = front.CreateClient();

        await client.CompleteAsync(Requests.Chat("Hi", "local-llama").With("store", true));

        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", Assert.Single(upstream.Requests).Body["model"]!.GetValue<string>());
        var listed = Assert.Single((await client.GetJsonAsync("/v1/chat/completions?model=local-llama")).GetProperty("data").EnumerateArray());
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", listed.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Create_RelayedRoute_StillChecksWhatChatApiNeeds()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();

        var (noMessages, body) = await client.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", new JsonObject { ["model"] = "vendor-x" });
        Assert.Equal(HttpStatusCode.BadRequest, noMessages);
        Assert.Equal("messages", body.GetProperty("error").GetProperty("param").GetString());

        var (metadataUnstored, body2) = await client.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi", "vendor-x").With("metadata", new JsonObject { ["a"] = "b" }));
        Assert.Equal(HttpStatusCode.BadRequest, metadataUnstored);
        Assert.Equal("metadata", body2.GetProperty("error").GetProperty("param").GetString());
        Assert.Empty(upstream.Requests);
    }

    static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
