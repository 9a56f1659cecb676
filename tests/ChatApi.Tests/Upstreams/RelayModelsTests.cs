using System.Net;

namespace ChatApi.Tests.Upstreams;

/// <summary><c>/v1/models</c> names what ChatApi serves: configured, routed, aliased, and what the upstreams list themselves.</summary>
public sealed class RelayModelsTests
{
    [Fact]
    public async Task List_RoutesAliasesAndUpstreamModels_AllNamedOnce()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream, new()
        {
            ["Backends:Routes:meta-llama/*"] = "a",
            ["Backends:Routes:local-llama"] = "a",
            ["Backends:Aliases:local-llama"] = "meta-llama/Llama-3.1-8B-Instruct",
        });

        var ids = (await front.CreateClient().GetJsonAsync("/v1/models")).GetProperty("data").EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()).ToList();

        Assert.Contains("gpt-4o", ids);
        Assert.Contains("local-llama", ids);
        Assert.Contains("meta-llama/Llama-3.1-8B-Instruct", ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    [Fact]
    public async Task Retrieve_UpstreamModel_AsTheUpstreamDescribesIt()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream, new() { ["Backends:Routes:meta-llama/*"] = "a" });

        var model = await front.CreateClient().GetJsonAsync("/v1/models/meta-llama%2FLlama-3.1-8B-Instruct");

        Assert.Equal("vllm", model.GetProperty("owned_by").GetString());
    }

    [Fact]
    public async Task Retrieve_UnknownModel_404InOpenAIShape()
    {
        await using var app = new ChatApiFactory();

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Get, "/v1/models/gpt-unknown-9");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("The model 'gpt-unknown-9' does not exist or you do not have access to it.", body.GetProperty("error").GetProperty("message").GetString());
    }
}
