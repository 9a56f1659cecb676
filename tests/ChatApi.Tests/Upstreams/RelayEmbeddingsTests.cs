using System.Net;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Upstreams;

/// <summary><c>/v1/embeddings</c> for a model routed to an upstream: relayed as received both ways, like chat.</summary>
public sealed class RelayEmbeddingsTests
{
    const string VllmEmbedding = """{"id":"embd-1","object":"list","created":1764640000,"model":"BAAI/bge-m3","data":[{"index":0,"object":"embedding","embedding":[0.125,-0.5,0.25]}],"usage":{"prompt_tokens":3,"total_tokens":3,"completion_tokens":0,"prompt_tokens_details":null}}""";

    [Fact]
    public async Task Create_RoutedEmbeddingModel_ForwardedAsSentAndAnsweredAsTheUpstreamAnswered()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VllmEmbedding));
        await using var front = RelayFixture.Front(upstream, new()
        {
            ["Backends:Routes:bge"] = "a",
            ["Backends:Aliases:bge"] = "BAAI/bge-m3",
        });
        var sent = new JsonObject { ["model"] = "bge", ["input"] = new JsonArray("hello"), ["encoding_format"] = "float", ["truncate_prompt_tokens"] = 512 };

        using var response = await front.CreateClient().PostAsync("/v1/embeddings",
            new StringContent(sent.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VllmEmbedding, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var expected = sent.DeepClone().AsObject().With("model", "BAAI/bge-m3");
        var received = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/embeddings", received.Path);
        Assert.True(JsonNode.DeepEquals(expected, received.Body), received.Body.ToJsonString());
    }

    [Fact]
    public async Task Create_UpstreamRefusesTheEmbedding_ItsErrorPassesThrough()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmError, 400));
        await using var front = RelayFixture.Front(upstream);

        using var response = await front.CreateClient().PostAsync("/v1/embeddings",
            new StringContent("""{"model":"vendor-embed","input":"x"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(VendorShapes.VllmError, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
