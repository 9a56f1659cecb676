using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApi.Tests.Scripted;

public sealed class ScriptedAnswerTests
{
    [Fact]
    public async Task Create_RuleWithContent_AnswersContentWithRealUsage()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer:
                  content: "The capital of France is Paris."
            """);
        var client = rules.App.CreateClient();

        var body = await client.CompleteAsync(ScriptedRequests.Chat("What is the capital of France?"));

        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("gpt-4o", body.GetProperty("model").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("The capital of France is Paris.", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = body.GetProperty("usage");
        Assert.Equal(new TokenCounter().Count("The capital of France is Paris."), usage.GetProperty("completion_tokens").GetInt32());
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Create_RuleWithToolCall_AnswersToolCallWithArgumentsText()
    {
        await using var rules = RulesFileFixture.Json("""
            { "rules": [ { "answer": { "toolCalls": [ { "name": "get_weather", "arguments": { "city": "Paris", "unit": "celsius" } } ] } } ] }
            """);
        var client = rules.App.CreateClient();

        var body = await client.CompleteAsync(ScriptedRequests.Chat("Weather in Paris?"));

        var choice = body.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.StartsWith("call_", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris","unit":"celsius"}""", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task Create_RuleWithJsonBody_WritesJsonAsMessageContent()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer:
                  json:
                    city: Zürich
                    temperature: 21.5
                    sunny: true
                    tags: [lake, "42"]
            """);
        var client = rules.App.CreateClient();

        var body = await client.CompleteAsync(ScriptedRequests.Chat("Weather as JSON"));

        Assert.Equal("""{"city":"Zürich","temperature":21.5,"sunny":true,"tags":["lake","42"]}""", body.ReplyText());
    }

    [Fact]
    public async Task Create_RuleWith429_ReturnsRateLimitErrorWithRetryAfter()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer:
                  error: { status: 429, retryAfter: 2 }
            """);
        var client = rules.App.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", JsonContent(ScriptedRequests.Chat()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("2000", Assert.Single(response.Headers.GetValues("retry-after-ms")));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");
        Assert.StartsWith("Rate limit reached for gpt-4o", error.GetProperty("message").GetString());
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(500, "The server had an error while processing your request. Sorry about that!")]
    [InlineData(503, "The engine is currently overloaded, please try again later.")]
    public async Task Create_RuleWithServerError_ReturnsServerErrorShape(int status, string message)
    {
        await using var rules = RulesFileFixture.Yaml($"""
            rules:
              - answer:
                  error: {"{"} status: {status} {"}"}
            """);
        var client = rules.App.CreateClient();

        var (code, body) = await client.SendChatAsync(ScriptedRequests.Chat());

        Assert.Equal(status, (int)code);
        var error = body.GetProperty("error");
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task Create_RuleWithCustomError_ReturnsConfiguredFields()
    {
        await using var rules = RulesFileFixture.Json("""
            { "rules": [ { "answer": { "error": {
                "status": 400, "message": "This model's maximum context length is 128000 tokens.",
                "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded" } } } ] }
            """);
        var client = rules.App.CreateClient();

        var (status, body) = await client.SendChatAsync(ScriptedRequests.Chat());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(body.EnumerateObject()).Value;
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("This model's maximum context length is 128000 tokens.", error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Create_RuleWithErrorOnStream_ReturnsJsonErrorNotEvents()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer:
                  error: { status: 503 }
            """);
        var client = rules.App.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", JsonContent(ScriptedRequests.Chat(stream: true)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("server_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_RuleWithDelay_AnswersAfterTheDelay()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer:
                  content: "Slow answer."
                  delayMs: 400
            """);
        var client = rules.App.CreateClient();

        var clock = Stopwatch.StartNew();
        var body = await client.CompleteAsync(ScriptedRequests.Chat());
        clock.Stop();

        Assert.Equal("Slow answer.", body.ReplyText());
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Create_DelayedRequestCancelled_StopsWaiting()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer: { content: "Too late.", delayMs: 30000 }
            """);
        var backend = rules.App.Services.GetRequiredService<BackendRouter>().Resolve("gpt-4o");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var request = new CreateChatCompletionRequest { Model = "gpt-4o", Messages = [new() { Role = "user", Content = "Hi" }] };

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.CompleteAsync(ChatRequest.FromTyped(request), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"still waiting after {clock.Elapsed}");
    }

    [Fact]
    public async Task Create_DelayOnly_DelaysTheUsualAnswer()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer: { delayMs: 300 }
            """);
        var client = rules.App.CreateClient();

        var clock = Stopwatch.StartNew();
        var body = await client.CompleteAsync(ScriptedRequests.Chat("Tell me about tests"));
        clock.Stop();

        Assert.Contains("You asked about \"Tell me about tests\"", body.ReplyText());
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Create_StoredScriptedAnswer_CanBeRetrieved()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - answer: { content: "Remember me." }
            """);
        var client = rules.App.CreateClient();

        var created = await client.CompleteAsync(ScriptedRequests.Chat(store: true));
        var stored = await client.GetJsonAsync($"/v1/chat/completions/{created.GetProperty("id").GetString()}");

        Assert.Equal("Remember me.", stored.ReplyText());
        Assert.Equal(created.GetProperty("usage").GetRawText(), stored.GetProperty("usage").GetRawText());
    }

    static StringContent JsonContent(System.Text.Json.Nodes.JsonObject body) =>
        new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
