using System.Text.Json.Nodes;

namespace ChatApi.Tests.Tokens;

public sealed class PromptTokenCountTests
{
    // OpenAI cookbook "How to count tokens with tiktoken": these six messages are 124 prompt tokens for gpt-4o
    // (o200k_base) as the API reports them, and 129 for gpt-4 (cl100k_base).
    static JsonArray CookbookMessages() =>
    [
        Message("system", "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."),
        Message("system", "New synergies will help drive top-line growth.", "example_user"),
        Message("system", "Things working well together will increase revenue.", "example_assistant"),
        Message("system", "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.", "example_user"),
        Message("system", "Let's talk later when we're less busy about how to do better.", "example_assistant"),
        Message("user", "This late pivot means we don't have time to boil the ocean for the client deliverable."),
    ];

    [Fact]
    public async Task Create_CookbookExample_CountsPromptTokensAsGpt4o()
    {
        await using var app = new ChatApiFactory();

        var body = await app.CreateClient().CompleteAsync(new JsonObject { ["model"] = "gpt-4o", ["messages"] = CookbookMessages() });

        Assert.Equal(124, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Create_Hello_CountsNinePromptTokens()
    {
        await using var app = new ChatApiFactory();

        // 3 (message framing) + 1 ("user") + 2 ("Hello", "!") + 3 (reply priming)
        var body = await app.CreateClient().CompleteAsync(new JsonObject { ["model"] = "gpt-4o", ["messages"] = new JsonArray(Message("user", "Hello!")) });

        Assert.Equal(9, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Create_Any_UsageTotalsAddUp()
    {
        await using var app = new ChatApiFactory();

        var usage = (await app.CreateClient().CompleteAsync(new JsonObject { ["model"] = "gpt-4o", ["messages"] = new JsonArray(Message("user", "Tell me about tokens.")) }))
            .GetProperty("usage");

        Assert.True(usage.GetProperty("completion_tokens").GetInt32() > 0);
        Assert.Equal(
            usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    static JsonObject Message(string role, string content, string? name = null)
    {
        var message = new JsonObject { ["role"] = role, ["content"] = content };
        if (name is not null)
            message["name"] = name;
        return message;
    }
}
