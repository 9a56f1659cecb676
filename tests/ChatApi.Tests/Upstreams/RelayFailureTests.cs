using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Upstreams;

/// <summary>Each way an upstream fails, and what the client then sees: the upstream's own answer where it gave one.</summary>
public sealed class RelayFailureTests
{
    static readonly Dictionary<string, string?> ShortTimeout = new() { ["Backends:Upstreams:a:TimeoutSeconds"] = "1" };

    [Theory]
    [InlineData(VendorShapes.VllmError, 400)]
    [InlineData(VendorShapes.LlamaCppError, 503)]
    [InlineData(VendorShapes.OpenAIRateLimit, 429)]
    public async Task Create_UpstreamJsonError_StatusAndBodyPassThroughUnchanged(string error, int status)
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(error, status));
        await using var front = RelayFixture.Front(upstream);

        using var response = await Post(front.CreateClient(), Requests.Chat("Hi", "vendor-x"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(error, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Single(upstream.Requests); // one deployment, no retry setting: nothing retried
    }

    [Fact]
    public async Task Create_RateLimited_RetryAndRateLimitHeadersPassThroughInBothForms()
    {
        var date = DateTimeOffset.UtcNow.AddSeconds(30).ToString("R");
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.OpenAIRateLimit, 429, "application/json",
            ("Retry-After", date), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "6m0s"), ("x-request-id", "req_up_1"), ("openai-processing-ms", "12")));
        await using var front = RelayFixture.Front(upstream);

        using var response = await Post(front.CreateClient(), Requests.Chat("Hi", "vendor-x"));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(date, response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("6m0s", response.Headers.GetValues("x-ratelimit-reset-requests").Single());
        Assert.Equal("req_up_1", response.Headers.GetValues("x-upstream-request-id").Single());
        Assert.Equal("12", response.Headers.GetValues("openai-processing-ms").Single());
        Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single()); // ChatApi's own id stays ChatApi's
    }

    [Fact]
    public async Task Create_SuccessHeaders_PassThroughAndTheStoredCopyKeepsTheUpstreamsRequestId()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.VllmCompletion, 200, "application/json",
            ("x-request-id", "req_up_2"), ("x-ratelimit-limit-tokens", "30000")));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();

        using var response = await Post(client, Requests.Chat("Hi", "vendor-x").With("store", true));

        Assert.Equal("30000", response.Headers.GetValues("x-ratelimit-limit-tokens").Single());
        var stored = await client.GetJsonAsync("/v1/chat/completions/chatcmpl-vllm-1");
        Assert.Equal("req_up_2", stored.GetProperty("chatapi").GetProperty("upstream_request_id").GetString());
    }

    [Theory]
    [InlineData("{not json", 200, "application/json")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", 502, "text/html")]
    [InlineData("[1,2]", 200, "application/json")]
    public async Task Create_UpstreamBodyNotAJsonObject_502UpstreamError(string body, int status, string type)
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(body, status, type));
        await using var front = RelayFixture.Front(upstream);

        var (code, error) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi", "vendor-x"));

        Assert.Equal(HttpStatusCode.BadGateway, code);
        Assert.Equal("upstream_error", error.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_UpstreamRefusesConnections_502()
    {
        await using var front = new ChatApiFactory(new()
        {
            ["Backends:Upstreams:a:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Backends:Routes:vendor-*"] = "a",
        });

        var (code, error) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi", "vendor-x"));

        Assert.Equal(HttpStatusCode.BadGateway, code);
        Assert.Equal("upstream_error", error.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_UpstreamHangsBeforeHeaders_504AfterTheTimeoutAndTheUpstreamRequestIsCancelled()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Hang());
        await using var front = RelayFixture.Front(upstream, ShortTimeout);

        var clock = Stopwatch.StartNew();
        var (code, error) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat("Hi", "vendor-x"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, code);
        Assert.Equal("upstream_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        await Eventually(() => upstream.Abandoned == 1);
    }

    [Fact]
    public async Task Create_StreamEndsWithoutDone_ClientStreamCutAndNothingStored()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events(VendorShapes.VllmStream, done: false));
        await using var front = RelayFixture.Front(upstream);
        // A real socket: the cut is a connection reset, as a client in production sees it.
        using var client = new HttpClient { BaseAddress = front.StartOnLoopback() };

        var stream = await SseStream.PostAsync(client, Requests.Chat("Hi", "vendor-x").With("store", true));

        Assert.False(stream.Completed);
        Assert.DoesNotContain("[DONE]", stream.Events);
        Assert.Equal(VendorShapes.VllmStream, stream.Events);
        Assert.Empty((await client.GetJsonAsync("/v1/chat/completions")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Create_StreamStallsMidway_EndedAfterTheIdleTimeoutWithoutDone()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events(VendorShapes.VllmStream, stallAfter: TimeSpan.FromMinutes(5), stallAt: 2));
        await using var front = RelayFixture.Front(upstream, ShortTimeout);
        using var client = new HttpClient { BaseAddress = front.StartOnLoopback() };

        var clock = Stopwatch.StartNew();
        var stream = await SseStream.PostAsync(client, Requests.Chat("Hi", "vendor-x"));

        Assert.False(stream.Completed);
        Assert.Equal(VendorShapes.VllmStream[..2], stream.Events);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Create_ErrorEventMidStream_RelayedAsSentAndNotStored()
    {
        const string error = """{"error":{"message":"CUDA out of memory","type":"InternalServerError","code":500}}""";
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events([VendorShapes.VllmStream[0], error]));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();

        var stream = await SseStream.PostAsync(client, Requests.Chat("Hi", "vendor-x").With("store", true));

        Assert.Equal([VendorShapes.VllmStream[0], error, "[DONE]"], stream.Events);
        Assert.Empty((await client.GetJsonAsync("/v1/chat/completions")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Create_StreamRefusedBeforeItStarts_ErrorAsJsonWithTheUpstreamsStatus()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.LlamaCppError, 503));
        await using var front = RelayFixture.Front(upstream);

        using var response = await Post(front.CreateClient(), Requests.Chat("Hi", "vendor-x").With("stream", true));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(VendorShapes.LlamaCppError, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Create_ClientGoesAwayMidStream_UpstreamRequestCancelled()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Events(VendorShapes.VllmStream, stallAfter: TimeSpan.FromMinutes(5), stallAt: 1));
        await using var front = RelayFixture.Front(upstream);
        var client = front.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var body = Requests.Chat("Hi", "vendor-x").With("stream", true);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            Assert.StartsWith("data: ", await reader.ReadLineAsync(cancel.Token));
            cancel.Cancel();
        }

        await Eventually(() => upstream.Abandoned == 1);
    }

    static Task<HttpResponseMessage> Post(HttpClient client, JsonNode body) =>
        client.PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    internal static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.True(condition());
    }
}
