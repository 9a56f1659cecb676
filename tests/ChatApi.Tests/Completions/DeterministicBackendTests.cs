using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Completions;

public sealed class DeterministicBackendTests
{
    [Fact]
    public async Task Create_SameRequestTwice_SameText()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var first = await client.CompleteAsync(Requests.Chat("What is a cursor?").With("seed", 7));
        var second = await client.CompleteAsync(Requests.Chat("What is a cursor?").With("seed", 7));

        Assert.Equal(Content(first, 0), Content(second, 0));
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Create_SameRequestOnAnotherServer_SameText()
    {
        await using var one = new ChatApiFactory();
        await using var other = new ChatApiFactory();

        var first = await one.CreateClient().CompleteAsync(Requests.Chat("Explain pagination."));
        var second = await other.CreateClient().CompleteAsync(Requests.Chat("Explain pagination."));

        Assert.Equal(Content(first, 0), Content(second, 0));
    }

    [Fact]
    public async Task Create_DifferentSeedOrMessage_DifferentText()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var texts = new[]
        {
            Content(await client.CompleteAsync(Requests.Chat("Explain pagination.").With("seed", 1)), 0),
            Content(await client.CompleteAsync(Requests.Chat("Explain pagination.").With("seed", 2)), 0),
            Content(await client.CompleteAsync(Requests.Chat("Explain sorting.").With("seed", 1)), 0),
        };

        Assert.Equal(3, texts.Distinct().Count());
    }

    [Fact]
    public async Task Create_ReplyText_IsReadableAndMentionsTheQuestion()
    {
        await using var app = new ChatApiFactory();

        var text = Content(await app.CreateClient().CompleteAsync(Requests.Chat("How do I bake bread?")), 0);

        Assert.Contains("How do I bake bread?", text);
        Assert.Matches(@"^[A-Z][A-Za-z ,.'""?!…-]+$", text);
        Assert.EndsWith(".", text);
    }

    [Fact]
    public async Task Create_NChoices_IndexedAndDifferent()
    {
        await using var app = new ChatApiFactory();

        var body = await app.CreateClient().CompleteAsync(Requests.Chat().With("n", 3));

        var choices = body.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(3, choices.Select(c => c.GetProperty("message").GetProperty("content").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Create_NChoices_UsageCountsEveryChoice()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var single = await client.CompleteAsync(Requests.Chat().With("n", 1));
        var triple = await client.CompleteAsync(Requests.Chat().With("n", 3));

        Assert.True(CompletionTokens(triple) > CompletionTokens(single));
        Assert.Equal(Usage(single, "prompt_tokens"), Usage(triple, "prompt_tokens"));
    }

    [Theory]
    [InlineData("max_completion_tokens", 5)]
    [InlineData("max_tokens", 3)]
    [InlineData("max_completion_tokens", 1)]
    public async Task Create_TokenLimit_StopsWithLength(string field, int limit)
    {
        await using var app = new ChatApiFactory();

        var body = await app.CreateClient().CompleteAsync(Requests.Chat().With(field, limit));

        var choice = body.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(limit, CompletionTokens(body));
        Assert.NotEmpty(choice.GetProperty("message").GetProperty("content").GetString()!);
    }

    [Fact]
    public async Task Create_GenerousTokenLimit_StopsNormally()
    {
        await using var app = new ChatApiFactory();

        var body = await app.CreateClient().CompleteAsync(Requests.Chat().With("max_completion_tokens", 4000));

        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.True(CompletionTokens(body) <= 4000);
    }

    [Fact]
    public async Task Create_StopSequence_CutsBeforeIt()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var full = Content(await client.CompleteAsync(Requests.Chat("Stop here")), 0);
        var stop = full.Split(' ')[2];

        var body = await client.CompleteAsync(Requests.Chat("Stop here").With("stop", new JsonArray("zzz-never", stop)));

        var cut = Content(body, 0);
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], cut);
        Assert.DoesNotContain(stop, cut);
        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Create_StopAsSingleString_Accepted()
    {
        await using var app = new ChatApiFactory();

        var body = await app.CreateClient().CompleteAsync(Requests.Chat().With("stop", "."));

        Assert.DoesNotContain(".", Content(body, 0));
    }

    static string Content(JsonElement body, int index) =>
        body.GetProperty("choices")[index].GetProperty("message").GetProperty("content").GetString()!;

    static int CompletionTokens(JsonElement body) => Usage(body, "completion_tokens");

    static int Usage(JsonElement body, string field) => body.GetProperty("usage").GetProperty(field).GetInt32();
}
