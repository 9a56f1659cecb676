using System.Net;

namespace ChatApi.Tests.Upstreams;

/// <summary>Retries, failover across deployments, cooldown and recovery, and load balancing, over real loopback HTTP.</summary>
public sealed class RelayResilienceTests
{
    static Dictionary<string, string?> Pool(string balance = "RoundRobin", params (string Upstream, bool Fallback)[] deployments)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Backends:Routes:vendor-*"] = "pool",
            ["Backends:Pools:pool:Balance"] = balance,
            ["Backends:Pools:pool:CooldownSeconds"] = "1",
            ["Backends:Pools:pool:FailuresBeforeCooldown"] = "2",
        };
        for (var i = 0; i < deployments.Length; i++)
        {
            settings[$"Backends:Pools:pool:Deployments:{i}:Upstream"] = deployments[i].Upstream;
            settings[$"Backends:Pools:pool:Deployments:{i}:Fallback"] = deployments[i].Fallback ? "true" : "false";
        }
        return settings;
    }

    [Fact]
    public async Task Create_429ThenSuccess_WithRetries_RetriedAfterRetryAfterMs()
    {
        await using var upstream = await FakeUpstream.StartAsync(
            UpstreamReply.Body(VendorShapes.OpenAIRateLimit, 429, "application/json", ("retry-after-ms", "300")),
            UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream, new() { ["Backends:Upstreams:a:Retries"] = "2" });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reply = await front.CreateClient().CompleteAsync(Requests.Chat("Hi", "vendor-x"));

        Assert.Equal("chatcmpl-vllm-1", reply.GetProperty("id").GetString());
        Assert.Equal(2, upstream.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task Create_RetryAfterBeyondTheMaximum_PassedThroughWithoutWaiting()
    {
        await using var upstream = await FakeUpstream.StartAsync(
            UpstreamReply.Body(VendorShapes.OpenAIRateLimit, 429, "application/json", ("Retry-After", "3600")),
            UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.Front(upstream, new() { ["Backends:Upstreams:a:Retries"] = "2" });

        var (status, _) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi", "vendor-x"));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Single(upstream.Requests);
    }

    [Fact]
    public async Task Create_BadRequest_NeverRetried()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmError, 400));
        await using var front = RelayFixture.Front(upstream, new() { ["Backends:Upstreams:a:Retries"] = "3" });

        var (status, _) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi", "vendor-x"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Single(upstream.Requests);
    }

    [Fact]
    public async Task Create_PrimaryFails_FailsOverToTheFallbackAtOnce()
    {
        await using var primary = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.LlamaCppError, 503));
        await using var fallback = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.LlamaCppCompletion));
        await using var front = RelayFixture.FrontMany(new() { ["a"] = primary, ["b"] = fallback }, Pool("Ordered", ("a", false), ("b", true)));

        var reply = await front.CreateClient().CompleteAsync(Requests.Chat("Hi", "vendor-x"));

        Assert.Equal("chatcmpl-llama-1", reply.GetProperty("id").GetString());
        Assert.Single(primary.Requests);
        Assert.Single(fallback.Requests);
    }

    [Fact]
    public async Task Create_DeploymentKeepsFailing_CoolsDownThenComesBack()
    {
        await using var flaky = await FakeUpstream.StartAsync(
            UpstreamReply.Body(VendorShapes.LlamaCppError, 503), UpstreamReply.Body(VendorShapes.LlamaCppError, 503),
            UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var steady = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.LlamaCppCompletion));
        await using var front = RelayFixture.FrontMany(new() { ["a"] = flaky, ["b"] = steady }, Pool("Ordered", ("a", false), ("b", false)));
        var client = front.CreateClient();

        // Two failures in a row take the first deployment out: the next requests go straight to the second.
        for (var i = 0; i < 5; i++)
            Assert.Equal("chatcmpl-llama-1", (await client.CompleteAsync(Requests.Chat("Hi", "vendor-x"))).GetProperty("id").GetString());
        Assert.Equal(2, flaky.Requests.Count);

        // After the cooldown it is tried again, and answers.
        await Task.Delay(TimeSpan.FromSeconds(1.3), TestContext.Current.CancellationToken);
        Assert.Equal("chatcmpl-vllm-1", (await client.CompleteAsync(Requests.Chat("Hi", "vendor-x"))).GetProperty("id").GetString());
        Assert.Equal(3, flaky.Requests.Count);
    }

    [Fact]
    public async Task Create_EveryDeploymentFails_TheLastUpstreamAnswerReachesTheClient()
    {
        await using var a = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.LlamaCppError, 503));
        await using var b = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.OpenAIRateLimit, 429));
        await using var front = RelayFixture.FrontMany(new() { ["a"] = a, ["b"] = b }, Pool("Ordered", ("a", false), ("b", false)));

        using var response = await front.CreateClient().PostAsync("/v1/chat/completions",
            new StringContent(Requests.Chat("Hi", "vendor-x").ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(VendorShapes.OpenAIRateLimit, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Create_RoundRobinWithWeights_SplitsRequestsByWeight()
    {
        await using var a = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var b = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        var settings = Pool("RoundRobin", ("a", false), ("b", false));
        settings["Backends:Pools:pool:Deployments:0:Weight"] = "3";
        await using var front = RelayFixture.FrontMany(new() { ["a"] = a, ["b"] = b }, settings);
        var client = front.CreateClient();

        for (var i = 0; i < 8; i++)
            await client.CompleteAsync(Requests.Chat("Hi", "vendor-x"));

        Assert.Equal(6, a.Requests.Count);
        Assert.Equal(2, b.Requests.Count);
    }

    [Fact]
    public async Task Create_LeastInFlight_AvoidsTheBusyDeployment()
    {
        await using var slow = await FakeUpstream.StartAsync(UpstreamReply.Events(VendorShapes.VllmStream, stallAfter: TimeSpan.FromSeconds(3), stallAt: 1));
        await using var quick = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        await using var front = RelayFixture.FrontMany(new() { ["a"] = slow, ["b"] = quick }, Pool("LeastInFlight", ("a", false), ("b", false)));
        var client = front.CreateClient();

        // The first request goes to the first deployment and holds it; the next ones go to the idle one.
        var held = SseStream.PostAsync(client, Requests.Chat("Hi", "vendor-x"));
        await RelayFailureTests.Eventually(() => slow.Requests.Count == 1);
        for (var i = 0; i < 3; i++)
            await client.CompleteAsync(Requests.Chat("Hi", "vendor-x"));

        Assert.Single(slow.Requests);
        Assert.Equal(3, quick.Requests.Count);
        await held;
    }

    [Fact]
    public async Task Create_PoolDeploymentWithItsOwnModelName_EachUpstreamGetsItsName()
    {
        await using var vllm = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.LlamaCppError, 503));
        await using var openai = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion));
        var settings = Pool("Ordered", ("a", false), ("b", true));
        settings["Backends:Pools:pool:Deployments:0:Model"] = "meta-llama/Llama-3.1-8B-Instruct";
        settings["Backends:Pools:pool:Deployments:1:Model"] = "gpt-4o-mini";
        await using var front = RelayFixture.FrontMany(new() { ["a"] = vllm, ["b"] = openai }, settings);

        await front.CreateClient().CompleteAsync(Requests.Chat("Hi", "vendor-x"));

        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", Assert.Single(vllm.Requests).Body["model"]!.GetValue<string>());
        Assert.Equal("gpt-4o-mini", Assert.Single(openai.Requests).Body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Startup_PoolNamingAnUnknownUpstream_FailsNamingTheKey()
    {
        await using var app = new ChatApiFactory(new()
        {
            ["Backends:Pools:pool:Deployments:0:Upstream"] = "nowhere",
            ["Backends:Routes:x"] = "pool",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Backends:Pools:pool:Deployments:0:Upstream", error.ToString());
    }
}
