using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace ChatApi.Tests.Auth;

/// <summary>The official .NET SDK against a server with keys: its 401 and its 429 with the rate-limit headers.</summary>
public sealed class SdkAuthTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sdk_WrongKey_Gets401InvalidApiKey()
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());
        var chat = Chat(app.StartOnLoopback(), "sk-wrong-Rt5Yq8Lp3Wz0");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hello!")], cancellationToken: Ct));

        Assert.Equal(401, error.Status);
        Assert.Contains("Incorrect API key provided: sk-...3Wz0.", error.Message);
        var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("invalid_api_key", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Sdk_OverTheRequestLimit_Gets429WithRetryAfterAndRateLimitHeaders()
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings(new() { ["Auth:Keys:0:RequestsPerMinute"] = "2" }));
        var chat = Chat(app.StartOnLoopback(), TeamKeys.Red);

        var first = await chat.CompleteChatAsync([new UserChatMessage("Hello!")], cancellationToken: Ct);
        await chat.CompleteChatAsync([new UserChatMessage("Hello!")], cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hello!")], cancellationToken: Ct));

        Assert.True(first.GetRawResponse().Headers.TryGetValue("x-ratelimit-remaining-requests", out var remaining));
        Assert.Equal("1", remaining);
        Assert.Equal(429, error.Status);
        var headers = error.GetRawResponse()!.Headers;
        Assert.True(headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.InRange(int.Parse(retryAfter!), 25, 30); // one request refills in 30 s
        Assert.True(headers.TryGetValue("x-ratelimit-limit-requests", out var limit));
        Assert.Equal("2", limit);
        Assert.True(headers.TryGetValue("x-ratelimit-remaining-requests", out var none));
        Assert.Equal("0", none);
        Assert.True(headers.TryGetValue("x-ratelimit-reset-requests", out var reset));
        Assert.Matches(@"^\d+(\.\d+)?s$", reset);
        var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("requests", body.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", body.GetProperty("code").GetString());
    }

    static ChatClient Chat(Uri baseUri, string key) =>
        new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUri, "/v1"),
            NetworkTimeout = TimeSpan.FromSeconds(10),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient("gpt-4o-mini");
}
