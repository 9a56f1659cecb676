using System.Text.Json.Nodes;

namespace ChatApi.Tests.Completions;

public sealed class CreateCompletionTests
{
    [Fact]
    public async Task Create_SimplePrompt_ReturnsOpenAIShape()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var body = await client.CompleteAsync(new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello!" }),
        });

        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("gpt-4o", body.GetProperty("model").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }
}
