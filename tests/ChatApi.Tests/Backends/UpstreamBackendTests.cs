using System.Net;

namespace ChatApi.Tests.Backends;

/// <summary>ChatApi fronting another ChatApi over real loopback HTTP: the upstream's deterministic answers show what was forwarded.</summary>
public sealed class UpstreamBackendTests
{
    static ChatApiFactory Front(Uri upstream, string path = "/v1") => new(new()
    {
        ["Backends:Upstreams:upstream:BaseUrl"] = new Uri(upstream, path).ToString(),
        ["Backends:Upstreams:upstream:ApiKey"] = "sk-test",
        ["Backends:Routes:remote-*"] = "upstream",
    });

    [Fact]
    public async Task Create_RoutedModel_AnswersWithTheUpstreamsCompletion()
    {
        await using var upstream = new ChatApiFactory();
        await using var front = Front(upstream.StartOnLoopback());
        var request = Requests.Chat("Forward me").With("seed", 3).With("max_completion_tokens", 12);

        var direct = await upstream.CreateClient().CompleteAsync(request.DeepClone().AsObject().With("model", "remote-1"));
        var forwarded = await front.CreateClient().CompleteAsync(request.DeepClone().AsObject().With("model", "remote-1"));

        Assert.Equal(direct.GetProperty("choices").GetRawText(), forwarded.GetProperty("choices").GetRawText());
        Assert.Equal(direct.GetProperty("usage").GetRawText(), forwarded.GetProperty("usage").GetRawText());
        Assert.Equal("remote-1", forwarded.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Create_UnroutedModel_StaysOnTheBuiltInBackend()
    {
        await using var upstream = new ChatApiFactory();
        await using var front = Front(upstream.StartOnLoopback());

        await front.CreateClient().CreateStoredAsync(model: "gpt-4o");
        await front.CreateClient().CreateStoredAsync(model: "remote-2");

        // Only the routed request reached the upstream, and store is not forwarded: the upstream stored nothing.
        var upstreamList = await upstream.CreateClient().GetJsonAsync("/v1/chat/completions");
        Assert.Empty(upstreamList.GetProperty("data").EnumerateArray());
        var frontList = await front.CreateClient().GetJsonAsync("/v1/chat/completions");
        Assert.Equal(2, frontList.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Create_StreamThroughUpstream_SameTextAsNonStreamed()
    {
        await using var upstream = new ChatApiFactory();
        await using var front = Front(upstream.StartOnLoopback());
        var client = front.CreateClient();
        var whole = await client.CompleteAsync(Requests.Chat("Stream me", "remote-3"));

        var stream = await SseStream.PostAsync(client, Requests.Chat("Stream me", "remote-3"));

        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal(whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), stream.Content());
        Assert.Equal("[DONE]", stream.Events[^1]);
    }

    [Fact]
    public async Task Create_UpstreamError_PassesStatusAndBodyThrough()
    {
        await using var upstream = new ChatApiFactory();
        await using var front = Front(upstream.StartOnLoopback(), "/v2"); // the upstream answers 404 in OpenAI's shape there

        var (status, body) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat(model: "remote-4"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Invalid URL (POST /v2/chat/completions)", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_UpstreamDown_502InOpenAIShape()
    {
        await using var front = Front(new Uri("http://127.0.0.1:9/"));

        var (status, body) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Requests.Chat(model: "remote-5"));

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("upstream_error", body.GetProperty("error").GetProperty("type").GetString());
        await front.CreateClient().CompleteAsync(Requests.Chat());
    }

    [Fact]
    public async Task Startup_RouteToUnknownBackend_Fails()
    {
        await using var app = new ChatApiFactory(new() { ["Backends:Routes:x"] = "nowhere" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("nowhere", error.ToString());
    }
}
