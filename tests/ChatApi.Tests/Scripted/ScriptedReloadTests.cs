using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatApi.Tests.Scripted;

public sealed class ScriptedReloadTests
{
    [Fact]
    public async Task Create_RulesFileRewritten_AnswersWithTheNewRules()
    {
        await using var rules = RulesFileFixture.Yaml(Content("Before the edit."));
        var client = rules.App.CreateClient();
        Assert.Equal("Before the edit.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());

        rules.Write(Content("After the edit, a longer answer."));

        Assert.Equal("After the edit, a longer answer.", await PollUntilAsync(client, "After the edit, a longer answer."));
    }

    [Fact]
    public async Task Create_RulesFileRewrittenWithSameLength_NextRequestSeesTheNewRules()
    {
        await using var rules = RulesFileFixture.Json("""{ "rules": [ { "answer": { "content": "Version A" } } ] }""");
        var client = rules.App.CreateClient();
        Assert.Equal("Version A", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());

        rules.Write("""{ "rules": [ { "answer": { "content": "Version B" } } ] }""");

        Assert.Equal("Version B", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());
    }

    [Fact]
    public async Task Create_RulesFileBecomesInvalid_KeepsTheLastGoodRules()
    {
        await using var rules = RulesFileFixture.Yaml(Content("Good rules."));
        var client = rules.App.CreateClient();
        Assert.Equal("Good rules.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());

        foreach (var broken in new[] { "rules:\n  - answer: { content: \"half writ", "rules:\n  - answer: { colour: red }", "", "rules:\n  - match: { lastUserMessage: '(' }\n    answer: { content: x }" })
        {
            rules.Write(broken);
            Assert.Equal("Good rules.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());
        }

        rules.Write(Content("Fixed rules."));
        Assert.Equal("Fixed rules.", await PollUntilAsync(client, "Fixed rules."));
    }

    [Fact]
    public async Task Start_InvalidRulesFile_LogsTheRuleAndProblem()
    {
        await using var rules = RulesFileFixture.Yaml("""
            rules:
              - name: typo
                answer: { contnet: "Hello" }
            """);
        var logs = new CapturedLogs();
        using var app = rules.App.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));

        app.CreateClient();

        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Category.EndsWith("ScriptedRules", StringComparison.Ordinal));
        Assert.Contains(rules.Path, error.Message);
        Assert.Contains("Rule 1", error.Message);
        Assert.Contains("rules[0].answer.contnet", error.Message);
    }

    [Fact]
    public async Task Create_RulesFileCreatedAfterStart_AppliesItsRules()
    {
        await using var rules = RulesFileFixture.Yaml(Content("Created later."));
        File.Delete(rules.Path);
        var client = rules.App.CreateClient();
        Assert.NotEqual("Created later.", (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText());

        rules.Write(Content("Created later."));

        Assert.Equal("Created later.", await PollUntilAsync(client, "Created later."));
    }

    [Fact]
    public async Task Create_RulesFileRewrittenWithSameText_RestartsTimesCounting()
    {
        const string OneFailure = """
            rules:
              - times: 1
                answer: { error: { status: 500 } }
            """;
        await using var rules = RulesFileFixture.Yaml(OneFailure);
        var client = rules.App.CreateClient();
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.SendChatAsync(ScriptedRequests.Chat())).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendChatAsync(ScriptedRequests.Chat())).Status);

        rules.Write(OneFailure);

        Assert.Equal(HttpStatusCode.InternalServerError, (await client.SendChatAsync(ScriptedRequests.Chat())).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendChatAsync(ScriptedRequests.Chat())).Status);
    }

    static string Content(string text) => $"""
        rules:
          - answer: {"{"} content: "{text}" {"}"}
        """;

    /// <summary>Asks until the reply is <paramref name="expected"/>, for at most 5 seconds; returns the last reply.</summary>
    static async Task<string?> PollUntilAsync(HttpClient client, string expected)
    {
        var clock = Stopwatch.StartNew();
        string? reply;
        do
        {
            reply = (await client.CompleteAsync(ScriptedRequests.Chat())).ReplyText();
            if (reply == expected)
                break;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(5));
        return reply;
    }
}
