using System.Net;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Scripted;

public sealed class ScriptedMatchTests
{
    [Fact]
    public async Task Create_MetadataCondition_AnswersOnlyMatchingRequests()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - match:
                  metadata: { test: checkout, step: "2" }
                answer: { content: "Scripted for checkout." }
            """);
        var client = rules.App.CreateClient();

        var matching = await client.CompleteAsync(ScriptedRequests.Chat(metadata: new() { ["test"] = "checkout", ["step"] = "2", ["extra"] = "x" }));
        var otherValue = await client.CompleteAsync(ScriptedRequests.Chat(metadata: new() { ["test"] = "checkout", ["step"] = "3" }));
        var none = await client.CompleteAsync(ScriptedRequests.Chat());

        Assert.Equal("Scripted for checkout.", matching.ReplyText());
        Assert.NotEqual("Scripted for checkout.", otherValue.ReplyText());
        Assert.NotEqual("Scripted for checkout.", none.ReplyText());
    }

    [Fact]
    public async Task Create_RegexCondition_SearchesOnlyTheLastUserMessage()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - match:
                  lastUserMessage: '(?i)\bweather\b.*\bin (\w+)'
                answer: { content: "Sunny." }
            """);
        var client = rules.App.CreateClient();

        var matching = await client.CompleteAsync(ScriptedRequests.Chat("What's the WEATHER like in Oslo?"));
        var earlierMessageOnly = await client.CompleteAsync(new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "What's the weather in Oslo?" },
                new JsonObject { ["role"] = "assistant", ["content"] = "Sunny." },
                new JsonObject { ["role"] = "user", ["content"] = "Thanks!" }),
        });

        Assert.Equal("Sunny.", matching.ReplyText());
        Assert.NotEqual("Sunny.", earlierMessageOnly.ReplyText());
    }

    [Theory]
    [InlineData("gpt-4o", true)]
    [InlineData("gpt-4o-mini", true)]
    [InlineData("gpt-4.1", false)]
    [InlineData("my-gpt-4o", false)]
    public async Task Create_ModelGlob_MatchesTheModelFamily(string model, bool scripted)
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - match: { model: "gpt-4o*" }
                answer: { content: "From the 4o family." }
            """);
        var client = rules.App.CreateClient();

        var body = await client.CompleteAsync(ScriptedRequests.Chat(model: model));

        Assert.Equal(scripted, body.ReplyText() == "From the 4o family.");
        Assert.Equal(model, body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Create_EveryConditionGiven_AllMustMatch()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - match: { model: gpt-4o, lastUserMessage: refund, metadata: { tenant: acme } }
                answer: { content: "Refund approved." }
            """);
        var client = rules.App.CreateClient();
        JsonObject Acme() => new() { ["tenant"] = "acme" };

        var all = await client.CompleteAsync(ScriptedRequests.Chat("I want a refund", metadata: Acme()));
        var wrongModel = await client.CompleteAsync(ScriptedRequests.Chat("I want a refund", model: "gpt-5", metadata: Acme()));
        var wrongText = await client.CompleteAsync(ScriptedRequests.Chat("Hello", metadata: Acme()));
        var noMetadata = await client.CompleteAsync(ScriptedRequests.Chat("I want a refund"));

        Assert.Equal("Refund approved.", all.ReplyText());
        Assert.All([wrongModel, wrongText, noMetadata], body => Assert.NotEqual("Refund approved.", body.ReplyText()));
    }

    [Fact]
    public async Task Create_RuleWithTimes_AppliesThatOftenThenTheNextRule()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - times: 2
                answer:
                  error: { status: 429, retryAfter: 1 }
              - answer: { content: "Finally." }
            """);
        var client = rules.App.CreateClient();

        var first = await client.SendChatAsync(ScriptedRequests.Chat());
        var second = await client.SendChatAsync(ScriptedRequests.Chat());
        var third = await client.SendChatAsync(ScriptedRequests.Chat());
        var fourth = await client.SendChatAsync(ScriptedRequests.Chat());

        Assert.Equal(HttpStatusCode.TooManyRequests, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal("Finally.", third.Body.ReplyText());
        Assert.Equal("Finally.", fourth.Body.ReplyText());
    }

    [Fact]
    public async Task Create_RuleWithTimesUnderParallelRequests_AppliesExactlyThatOften()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - times: 5
                answer: { error: { status: 503 } }
              - answer: { content: "Served." }
            """);
        var client = rules.App.CreateClient();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendChatAsync(ScriptedRequests.Chat())));

        Assert.Equal(5, results.Count(r => r.Status == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(15, results.Count(r => r.Status == HttpStatusCode.OK && r.Body.ReplyText() == "Served."));
    }

    [Fact]
    public async Task Create_FirstMatchingRuleWins()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - match: { lastUserMessage: "^Hello" }
                answer: { content: "First." }
              - answer: { content: "Second." }
            """);
        var client = rules.App.CreateClient();

        Assert.Equal("First.", (await client.CompleteAsync(ScriptedRequests.Chat("Hello there"))).ReplyText());
        Assert.Equal("Second.", (await client.CompleteAsync(ScriptedRequests.Chat("Bye"))).ReplyText());
    }

    [Fact]
    public async Task Create_NoRuleMatches_AnswersLikeTheDeterministicBackend()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - match: { model: never-used }
                answer: { content: "Scripted." }
            """);
        await using var plain = new ChatApiFactory();
        var request = ScriptedRequests.Chat("Explain unit tests");

        var scripted = await rules.App.CreateClient().CompleteAsync(request.DeepClone());
        var deterministic = await plain.CreateClient().CompleteAsync(request.DeepClone());

        Assert.Equal(deterministic.ReplyText(), scripted.ReplyText());
        Assert.Equal(deterministic.GetProperty("system_fingerprint").GetString(), scripted.GetProperty("system_fingerprint").GetString());
        Assert.Equal(deterministic.GetProperty("usage").GetRawText(), scripted.GetProperty("usage").GetRawText());
    }
}
