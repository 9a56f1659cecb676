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
/// that asks for one; the same for <c>/v1/responses</c> (its stream with <c>event:</c> lines) and a vLLM-style
/// <c>/v1/embeddings</c> body. It counts the calls and keeps the Authorization headers it received.
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

    public const string Embedding = """{"id":"embd-fake1","object":"list","created":1764640000,"model":"fake-embed","data":[{"index":0,"object":"embedding","embedding":[0.125,-0.50,0.25]}],"usage":{"prompt_tokens":3,"total_tokens":3,"completion_tokens":0,"prompt_tokens_details":null}}""";

    /// <summary>The same embedding as <see cref="Embedding"/>, base64 floats, for a client that asks for <c>encoding_format: base64</c>.</summary>
    public static string EmbeddingBase64 => Embedding.Replace("[0.125,-0.50,0.25]", $"\"{Convert.ToBase64String([.. new[] { 0.125f, -0.5f, 0.25f }.SelectMany(BitConverter.GetBytes)])}\"");

    public const string Response = "{\n  \"id\": \"resp_fake1\",\n  \"object\": \"response\",\n  \"created_at\": 1764650000,\n  \"status\": \"completed\",\n  \"model\": \"fake-1\",\n" +
        "  \"output\": [\n    {\n      \"type\": \"message\",\n      \"id\": \"msg_fake1\",\n      \"status\": \"completed\",\n      \"role\": \"assistant\",\n" +
        "      \"content\": [\n        {\n          \"type\": \"output_text\",\n          \"text\": \"Recorded response.\",\n          \"annotations\": []\n        }\n      ]\n    }\n  ],\n" +
        "  \"usage\": {\n    \"input_tokens\": 5,\n    \"output_tokens\": 2,\n    \"total_tokens\": 7\n  },\n  \"vendor_trace\": {\"shard\": 7, \"ratio\": 1.50}\n}\n";

    public static readonly (string Event, string Data)[] ResponseStreamEvents =
    [
        ("response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"resp_fake2","object":"response","created_at":1764650000,"status":"in_progress","model":"fake-1","output":[]}}"""),
        ("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_fake2","output_index":0,"content_index":0,"delta":"Streamed response.","obfuscation":"x"}"""),
        ("response.completed", """{"type":"response.completed","sequence_number":2,"response":{"id":"resp_fake2","object":"response","created_at":1764650000,"status":"completed","model":"fake-1","output":[{"type":"message","id":"msg_fake2","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Streamed response.","annotations":[]}]}],"usage":{"input_tokens":5,"output_tokens":2,"total_tokens":7},"vendor_timing":{"ms":3}}}"""),
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
        app.MapPost("/v1/responses", fake.AnswerResponseAsync);
        app.MapPost("/v1/embeddings", fake.AnswerEmbeddingAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        fake.BaseUrl = new Uri(app.Urls.Single() + "/v1");
        return fake;
    }

    /// <summary>Counts the call, sets the headers every answer has, and answers a <c>rate-limit-me</c> request with a 429; null then.</summary>
    async Task<JsonDocument?> BeginAsync(HttpContext http)
    {
        Interlocked.Increment(ref _calls);
        lock (_authorizations)
            _authorizations.Add(http.Request.Headers.Authorization.ToString());
        var request = await JsonDocument.ParseAsync(http.Request.Body);
        var response = http.Response;
        response.Headers["x-request-id"] = $"req_{Guid.NewGuid():N}";
        response.Headers["openai-processing-ms"] = Random.Shared.Next(5, 500).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-requests"] = "41";
        response.Headers["set-cookie"] = "__cf_bm=secret-cookie; path=/";

        if (!request.RootElement.GetRawText().Contains("rate-limit-me", StringComparison.Ordinal))
            return request;
        request.Dispose();
        response.StatusCode = 429;
        response.Headers["retry-after"] = "20";
        response.ContentType = "application/json";
        await response.WriteAsync(RateLimited);
        return null;
    }

    async Task AnswerAsync(HttpContext http)
    {
        using var request = await BeginAsync(http);
        if (request is null)
            return;
        var response = http.Response;
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

    async Task AnswerResponseAsync(HttpContext http)
    {
        using var request = await BeginAsync(http);
        if (request is null)
            return;
        var response = http.Response;
        if (request.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            response.ContentType = "text/event-stream; charset=utf-8";
            foreach (var (type, data) in ResponseStreamEvents)
            {
                await Task.Delay(StreamGapMs);
                await response.WriteAsync($"event: {type}\ndata: {data}\n\n");
                await response.Body.FlushAsync();
            }
            return;
        }
        response.ContentType = "application/json";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Response));
    }

    async Task AnswerEmbeddingAsync(HttpContext http)
    {
        using var request = await BeginAsync(http);
        if (request is null)
            return;
        var base64 = request.RootElement.TryGetProperty("encoding_format", out var format) && format.ValueEquals("base64");
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(base64 ? EmbeddingBase64 : Embedding);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
