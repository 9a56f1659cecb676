using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Tests.Scripted;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatApi.Tests.Admin;

public sealed class AdminRulesTests
{
    const string Greeting = """{ "rules": [ { "name": "greet", "match": { "lastUserMessage": "^Hi" }, "answer": { "content": "Hello from HTTP." } } ] }""";

    [Fact]
    public async Task Put_NoRulesFile_RulesAnswerAndReadBack()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var (status, active) = await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", Greeting);

        Assert.Equal(HttpStatusCode.OK, status);
        var rule = Assert.Single(active.GetProperty("rules").EnumerateArray());
        Assert.Equal("greet", rule.GetProperty("name").GetString());
        Assert.Equal("^Hi", rule.GetProperty("match").GetProperty("lastUserMessage").GetString());
        Assert.Equal("Hello from HTTP.", (await client.CompleteAsync(ScriptedRequests.Chat("Hi there"))).ReplyText());
        Assert.NotEqual("Hello from HTTP.", (await client.CompleteAsync(ScriptedRequests.Chat("Something else"))).ReplyText());
        Assert.Equal(active.GetRawText(), (await client.GetJsonAsync("/admin/rules")).GetRawText());
    }

    [Fact]
    public async Task Put_ReplacesEveryRule()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", Greeting);

        var (status, active) = await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", """[ { "answer": { "content": "Only this." } } ]""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Only this.", Assert.Single(active.GetProperty("rules").EnumerateArray()).GetProperty("answer").GetProperty("content").GetString());
        Assert.Equal("Only this.", (await client.CompleteAsync(ScriptedRequests.Chat("Hi there"))).ReplyText());
    }

    [Fact]
    public async Task Post_AppendsAfterTheRulesInForce()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", Greeting);

        var (status, active) = await client.SendJsonAsync(HttpMethod.Post, "/admin/rules", """{ "rules": [ { "name": "rest", "answer": { "content": "Everything else." } } ] }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["greet", "rest"], active.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("Hello from HTTP.", (await client.CompleteAsync(ScriptedRequests.Chat("Hi there"))).ReplyText());
        Assert.Equal("Everything else.", (await client.CompleteAsync(ScriptedRequests.Chat("Something else"))).ReplyText());
    }

    [Fact]
    public async Task Delete_ClearsTheRules_BackendAnswersAgain()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", Greeting);

        var (status, active) = await client.SendJsonAsync(HttpMethod.Delete, "/admin/rules");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(active.GetProperty("rules").EnumerateArray());
        Assert.NotEqual("Hello from HTTP.", (await client.CompleteAsync(ScriptedRequests.Chat("Hi there"))).ReplyText());
    }

    [Fact]
    public async Task Reset_RestartsTimesCounts()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", """{ "rules": [ { "times": 1, "answer": { "content": "Once." } } ] }""");
        Assert.Equal("Once.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());
        Assert.NotEqual("Once.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());

        var (status, active) = await client.SendJsonAsync(HttpMethod.Post, "/admin/rules/reset");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, active.GetProperty("rules")[0].GetProperty("times").GetInt32());
        Assert.Equal("Once.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());
        Assert.NotEqual("Once.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());
    }

    [Theory]
    [InlineData("PUT", """{ "rules": [ { "answer": { "content": "ok" } }, { "name": "broken", "answer": { "error": { "status": 200 } } } ] }""", "rules[1].answer.error.status", "Rule 2 (broken)")]
    [InlineData("POST", """{ "rules": [ { "name": "typo", "answer": { "contnet": "Hello" } } ] }""", "rules[0].answer.contnet", "Rule 1")]
    [InlineData("PUT", """[ { "answer": { "content": "ok" } }, { "match": { "lastUserMessage": "(" }, "answer": { "content": "x" } } ]""", "rules[1].match.lastUserMessage", "Rule 2")]
    [InlineData("POST", """{ "rules": [ { "name": "no-answer" } ] }""", "rules[0].answer", "Rule 1 (no-answer)")]
    public async Task Change_BadRule_400NamesRuleAndField_RulesInForceUnchanged(string method, string body, string param, string rule)
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var (_, before) = await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", Greeting);

        var (status, error) = await client.SendJsonAsync(new HttpMethod(method), "/admin/rules", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var detail = error.GetProperty("error");
        Assert.Equal("invalid_request_error", detail.GetProperty("type").GetString());
        Assert.Equal(param, detail.GetProperty("param").GetString());
        Assert.StartsWith(rule, detail.GetProperty("message").GetString());
        Assert.Equal(before.GetRawText(), (await client.GetJsonAsync("/admin/rules")).GetRawText());
        Assert.Equal("Hello from HTTP.", (await client.CompleteAsync(ScriptedRequests.Chat("Hi there"))).ReplyText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"rules\": [ ")]
    public async Task Put_EmptyOrUnparsableBody_400(string body)
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var (status, error) = await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Post_ConcurrentTests_EachAnsweredByItsOwnMetadataRule()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var test = $"test-{i}";
            var rule = new JsonObject
            {
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["name"] = test,
                    ["match"] = new JsonObject { ["metadata"] = new JsonObject { ["test"] = test } },
                    ["answer"] = new JsonObject { ["content"] = $"Answer for {test}." },
                }),
            };
            var (status, _) = await client.SendJsonAsync(HttpMethod.Post, "/admin/rules", rule);
            Assert.Equal(HttpStatusCode.OK, status);
            return (test, (await client.CompleteAsync(ScriptedRequests.Chat(metadata: new JsonObject { ["test"] = test }))).ReplyText());
        }));

        foreach (var (test, reply) in replies)
            Assert.Equal($"Answer for {test}.", reply);
        Assert.Equal(16, (await client.GetJsonAsync("/admin/rules")).GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task Put_WithRulesFile_ReplacesFileRulesUntilTheFileIsRewritten()
    {
        await using var rules = RulesFileFixture.Json("""{ "rules": [ { "answer": { "content": "From the file." } } ] }""");
        var client = rules.App.CreateClient();
        Assert.Equal("From the file.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());

        await client.SendJsonAsync(HttpMethod.Put, "/admin/rules", """{ "rules": [ { "answer": { "content": "From HTTP." } } ] }""");
        Assert.Equal("From HTTP.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());

        rules.Write("""{ "rules": [ { "answer": { "content": "From the file again." } } ] }""");
        Assert.Equal("From the file again.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());
        Assert.Equal("From the file again.", (await client.GetJsonAsync("/admin/rules")).GetProperty("rules")[0].GetProperty("answer").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Admin_FromLoopbackSocket_Allowed()
    {
        await using var app = new ChatApiFactory();
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };

        var (status, _) = await client.SendJsonAsync(HttpMethod.Get, "/admin/rules");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("GET", "/admin/rules")]
    [InlineData("PUT", "/admin/rules")]
    [InlineData("POST", "/admin/rules/reset")]
    public async Task Admin_FromAnotherMachineWithoutKeys_403InOpenAIShape(string method, string path)
    {
        await using var factory = new ChatApiFactory();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress("203.0.113.7"))));
        var client = app.CreateClient();

        var (status, error) = await client.SendJsonAsync(new HttpMethod(method), path, Greeting);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("203.0.113.7", error.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.NotEqual("Hello from HTTP.", (await client.CompleteAsync(ScriptedRequests.Chat("Hi there"))).ReplyText());
    }

    /// <summary>Makes every request look as if it came from <paramref name="address"/>, as a request over the network would.</summary>
    sealed class RemoteAddress(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate inner) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return inner(context);
            });
            next(app);
        };
    }
}
