using System.Text.Json;

namespace ChatApi.Tests.Completions;

public sealed class CreateCompletionTests
{
    [Fact]
    public async Task Create_SimplePrompt_ReturnsOpenAIShape()
    {
        await using var app = new ChatApiFactory();

        var body = await app.CreateClient().CompleteAsync(Requests.Chat());

        Assert.Matches("^chatcmpl-[A-Za-z0-9]{29}$", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.InRange(body.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal("gpt-4o", body.GetProperty("model").GetString());
        Assert.Equal("default", body.GetProperty("service_tier").GetString());
        Assert.StartsWith("fp_", body.GetProperty("system_fingerprint").GetString());

        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());

        var message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.False(string.IsNullOrWhiteSpace(message.GetProperty("content").GetString()));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("refusal").ValueKind);
        Assert.Equal(JsonValueKind.Array, message.GetProperty("annotations").ValueKind);
        Assert.False(message.TryGetProperty("tool_calls", out _));
    }

    [Fact]
    public async Task Create_WithStore_DoesNotEchoMetadata()
    {
        await using var app = new ChatApiFactory();

        var body = await app.CreateClient().CreateStoredAsync(new() { ["team"] = "red" });

        Assert.False(body.TryGetProperty("metadata", out _));
    }

    [Fact]
    public async Task Create_WithoutStore_IsNotListed()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        await client.CompleteAsync(Requests.Chat());
        await client.CompleteAsync(Requests.Chat().With("store", false));

        var page = await client.GetJsonAsync("/v1/chat/completions");
        Assert.Empty(page.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Create_ArrayContent_IsAccepted()
    {
        await using var app = new ChatApiFactory();

        var body = await app.CreateClient().CompleteAsync(new
        {
            model = "gpt-4o",
            messages = new object[]
            {
                new { role = "developer", content = "Be brief." },
                new { role = "user", content = new object[] { new { type = "text", text = "Describe" }, new { type = "image_url", image_url = new { url = "https://example.com/a.png" } } } },
            },
        });

        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }
}
