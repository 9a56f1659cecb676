using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatApi.Tests.Recording;

/// <summary>
/// A small OpenAI-shaped upstream on a real loopback socket, with fixed answers so that recordings can be compared
/// byte for byte: an indented body with a vendor field (as OpenAI writes it), a slow stream, and a 429 for a prompt
/// that asks for one. It counts the calls and keeps the Authorization headers it received.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    public const string Completion = "{\n  \"id\": \"chatcmpl-fake1\",\n  \"object\": \"chat.completion\",\n  \"created\": 1764640000,\n  \"model\": \"fake-1\",\n" +
        "  \"choices\": [\n    {\n      \"index\": 0,\n      \"message\": {\n        \"role\": \"assistant\",\n        \"content\": \"Recorded café answer.\",\n" +
        "        \"refusal\": null\n      },\n      \"finish_reason\": \"stop\"\n    }\n  ],\n  \"usage\": {\n    \"prompt_tokens\": 9,\n    \"completion_tokens\": 4,\n" +
        "    \"total_tokens\": 13\n  },\n  \"system_fingerprint\": \"fp_fake\",\n  \"vendor_trace\": {\"shard\": 7, \"ratio\": 1.50}\n}\n";

    public const string RateLimited = """{"error":{"message":"Rate limit reached for fake-1 on requests per min (RPM): Limit 1, Used 1, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";

    public static readonly string[] StreamEvents =
    [
        """{"id":"chatcmpl-fake2","object":"chat.completion.chunk","created":1764640000,"model":"fake-1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"obfuscation":"x"}""",
        """{"id":"chatcmpl-fake2","object":"chat.completion.chunk","created":1764640000,"model":"fake-1","choices":[{"index":0,"delta":{"content":"Streamed "},"finish_reason":null}]}""",
        """{"id":"chatcmpl-fake2","object":"chat.completion.chunk","created":1764640000,"model":"fake-1","choices":[{"index":0,"delta":{"content":"answer."},"finish_reason":null}]}""",
        """{"id":"chatcmpl-fake2","object":"chat.completion.chunk","created":1764640000,"model":"fake-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"vendor_timing":{"ms":3}}""",
    ];

    readonly WebApplication _app;
    readonly List<string> _authorizations = [];
    int _calls;

    FakeUpstream(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public int Calls => _calls;

    public IReadOnlyList<string> Authorizations { get { lock (_authorizations) return [.. _authorizations]; } }

    /// <summary>Milliseconds between stream events.</summary>
    public static int StreamGapMs => 250;

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeUpstream(app);
        app.MapPost("/v1/chat/completions", fake.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        fake.BaseUrl = new Uri(app.Urls.Single() + "/v1");
        return fake;
    }

    async Task AnswerAsync(HttpContext http)
    {
        Interlocked.Increment(ref _calls);
        lock (_authorizations)
            _authorizations.Add(http.Request.Headers.Authorization.ToString());
        using var request = await JsonDocument.ParseAsync(http.Request.Body);
        var response = http.Response;
        response.Headers["x-request-id"] = $"req_{Guid.NewGuid():N}";
        response.Headers["openai-processing-ms"] = Random.Shared.Next(5, 500).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-requests"] = "41";
        response.Headers["set-cookie"] = "__cf_bm=secret-cookie; path=/";

        if (request.RootElement.GetRawText().Contains("rate-limit-me", StringComparison.Ordinal))
        {
            response.StatusCode = 429;
            response.Headers["retry-after"] = "20";
            response.ContentType = "application/json";
            await response.WriteAsync(RateLimited);
            return;
        }
        if (request.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            response.ContentType = "text/event-stream; charset=utf-8";
            foreach (var data in StreamEvents)
            {
                await Task.Delay(StreamGapMs);
                await response.WriteAsync($"data: {data}\n\n");
                await response.Body.FlushAsync();
            }
            await response.WriteAsync("data: [DONE]\n\n");
            return;
        }
        response.ContentType = "application/json";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Completion));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
