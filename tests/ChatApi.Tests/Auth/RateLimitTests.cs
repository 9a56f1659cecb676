using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatApi.Tests.Auth;

/// <summary>
/// Per-key limits: requests and tokens per minute, requests at once. Time is a FakeTimeProvider, so "a minute later"
/// is exact; the limits refill continuously, as OpenAI's do.
/// </summary>
public sealed class RateLimitTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_OverTheLimit_Are429WithOpenAIsHeaders_AndRecover()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = Server(time, new() { ["Auth:Keys:0:RequestsPerMinute"] = "3" });
        var client = app.ClientWithKey(TeamKeys.Red);

        // Each request is counted in the headers of its own answer; the allowance refills at 3 a minute, one per 20 s.
        foreach (var (remaining, reset) in new[] { ("2", "20s"), ("1", "40s"), ("0", "1m0s") })
        {
            using var ok = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat(), Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", Header(ok, "x-ratelimit-limit-requests"));
            Assert.Equal(remaining, Header(ok, "x-ratelimit-remaining-requests"));
            Assert.Equal(reset, Header(ok, "x-ratelimit-reset-requests"));
        }

        using var refused = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat(), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("20", Header(refused, "Retry-After"));
        Assert.Equal("0", Header(refused, "x-ratelimit-remaining-requests"));
        Assert.Equal("1m0s", Header(refused, "x-ratelimit-reset-requests"));
        var error = await ErrorAsync(refused);
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("requests per min (RPM)", error.GetProperty("message").GetString());
        Assert.Contains("Limit 3", error.GetProperty("message").GetString());

        time.Advance(TimeSpan.FromSeconds(20));
        using var recovered = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat(), Ct);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal("0", Header(recovered, "x-ratelimit-remaining-requests"));

        // Another key has its own allowance.
        using var other = await app.ClientWithKey(TeamKeys.Blue).PostAsJsonAsync("/v1/chat/completions", Requests.Chat(), Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Tokens_EstimatedFromTheBody_ThenSettledWithTheRealUsage()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = Server(time, new() { ["Auth:Keys:0:TokensPerMinute"] = "1000" });
        var client = app.ClientWithKey(TeamKeys.Red);
        var body = JsonSerializer.Serialize(Requests.Chat("Tell me about foxes."));
        var estimate = body.Length / 4;

        using var first = await client.PostAsync("/v1/chat/completions", Json(body), Ct);
        var used = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("usage").GetProperty("total_tokens").GetInt32();
        Assert.Equal("1000", Header(first, "x-ratelimit-limit-tokens"));
        Assert.Equal((1000 - estimate).ToString(), Header(first, "x-ratelimit-remaining-tokens"));

        // The first request now counts what it really used; the second its estimate.
        using var second = await client.PostAsync("/v1/chat/completions", Json(body), Ct);
        Assert.NotEqual(estimate, used);
        Assert.Equal((1000 - used - estimate).ToString(), Header(second, "x-ratelimit-remaining-tokens"));
    }

    [Fact]
    public async Task Tokens_OverTheLimit_Are429OfTypeTokens()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = Server(time, new() { ["Auth:Keys:0:TokensPerMinute"] = "300" });
        var client = app.ClientWithKey(TeamKeys.Red);
        var large = JsonSerializer.Serialize(Requests.Chat(new string('a', 1000))); // about 260 tokens by its size

        using var first = await client.PostAsync("/v1/chat/completions", Json(large), Ct);
        using var second = await client.PostAsync("/v1/chat/completions", Json(large), Ct);
        using var tooLarge = await client.PostAsync("/v1/chat/completions", Json(JsonSerializer.Serialize(Requests.Chat(new string('a', 2000)))), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var error = await ErrorAsync(second);
        Assert.Equal("tokens", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.True(int.Parse(Header(second, "Retry-After")!) >= 1);
        Assert.NotNull(Header(second, "x-ratelimit-reset-tokens"));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooLarge.StatusCode);
        Assert.StartsWith("Request too large", (await ErrorAsync(tooLarge)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Concurrent_OverTheLimit_Is429_UntilTheRunningRequestEnds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // The built-in backend waits a (fake) minute before answering, so the first request stays in flight.
        await using var app = Server(time, new() { ["Auth:Keys:0:MaxConcurrentRequests"] = "1", ["Deterministic:TimeToFirstTokenMs"] = "60000" });
        var client = app.ClientWithKey(TeamKeys.Red);

        // The probes may take the one place before the slow request reaches it (a cold start on a busy machine): then it is sent again.
        Task<HttpResponseMessage> running;
        HttpStatusCode second = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            running = client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat(), Ct);
            while (second != HttpStatusCode.TooManyRequests && !running.IsCompleted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, Ct);
                using var response = await client.GetAsync("/v1/models", Ct);
                second = response.StatusCode;
            }
        }
        while (running.IsCompleted && (await running).StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);
        Assert.False(running.IsCompleted);
        Assert.Equal(HttpStatusCode.TooManyRequests, second);

        while (!running.IsCompleted)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(running, Task.Delay(50, Ct));
        }
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        using var after = await client.GetAsync("/v1/models", Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task KeyWithoutLimits_SendsNoRateLimitHeaders()
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());

        using var response = await app.ClientWithKey(TeamKeys.Red).PostAsJsonAsync("/v1/chat/completions", Requests.Chat(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-ratelimit-limit-requests"));
    }

    [Theory]
    [InlineData(0.4, "1ms")]
    [InlineData(21, "21ms")]
    [InlineData(8640, "8.64s")]
    [InlineData(20000, "20s")]
    [InlineData(360000, "6m0s")]
    [InlineData(3723500, "1h2m3.5s")]
    public void ResetHeader_IsWrittenAsOpenAIWritesIt(double milliseconds, string expected) =>
        Assert.Equal(expected, ChatApi.RateLimits.GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    static ChatApiFactory Server(FakeTimeProvider time, Dictionary<string, string?> settings) =>
        new(TeamKeys.Settings(settings), services => services.AddSingleton<TimeProvider>(time));

    static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").Clone();
}
