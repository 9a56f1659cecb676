using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Streaming;

public sealed class StreamWireFormatTests
{
    [Fact]
    public async Task Stream_TextReply_SendsRoleThenTokensThenFinishThenDone()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var stream = await SseStream.PostAsync(client, Requests.Chat("Tell me about rivers.").With("seed", 7));

        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal("[DONE]", stream.Events[^1]);
        var chunks = stream.Chunks;
        Assert.True(chunks.Count >= 4, $"Expected a role chunk, tokens and a finish chunk, got {chunks.Count}.");
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Single(chunks.Select(c => c.GetProperty("created").GetInt64()).Distinct());
        Assert.All(chunks, c =>
        {
            Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString());
            Assert.Equal("gpt-4o", c.GetProperty("model").GetString());
            Assert.False(c.TryGetProperty("usage", out _), "usage is left out unless include_usage is set");
            Assert.False(string.IsNullOrEmpty(c.GetProperty("obfuscation").GetString()));
        });

        var first = Assert.Single(chunks[0].GetProperty("choices").EnumerateArray());
        Assert.Equal("""{"role":"assistant","content":""}""", first.GetProperty("delta").GetRawText());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("finish_reason").ValueKind);
        foreach (var middle in chunks.Skip(1).SkipLast(1))
        {
            var delta = Assert.Single(middle.GetProperty("choices").EnumerateArray()).GetProperty("delta");
            Assert.Equal("content", Assert.Single(delta.EnumerateObject()).Name);
        }
        var last = Assert.Single(chunks[^1].GetProperty("choices").EnumerateArray());
        Assert.Equal("{}", last.GetProperty("delta").GetRawText());
        Assert.Equal("stop", last.GetProperty("finish_reason").GetString());

        var whole = await client.CompleteAsync(Requests.Chat("Tell me about rivers.").With("seed", 7));
        Assert.Equal(whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), stream.Content());
    }

    [Fact]
    public async Task Stream_CharactersSplitAcrossTokens_StreamedTextAndLogprobsEqualTheWholeReply()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        JsonObject Body() => Requests.Chat("🧑‍🚀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀𓀁 龘靐齉").With("logprobs", true);

        var stream = await SseStream.PostAsync(client, Body());
        var whole = await client.CompleteAsync(Body());

        var content = whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Contains("𓀀𓀁", content);
        Assert.Equal(content, stream.Content());
        var tokens = whole.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray();
        Assert.Equal(content, string.Concat(tokens.Select(t => t.GetProperty("token").GetString())));
    }

    [Fact]
    public async Task Stream_IncludeUsage_SendsTotalsLastAndNullUsageOnOtherChunks()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var stream = await SseStream.PostAsync(client, Requests.Chat("Hello!")
            .With("stream_options", new JsonObject { ["include_usage"] = true }));

        var chunks = stream.Chunks;
        var usageChunk = chunks[^1];
        Assert.Empty(usageChunk.GetProperty("choices").EnumerateArray());
        var usage = usageChunk.GetProperty("usage");
        var contentTokens = chunks.Count(c => c.GetProperty("choices").EnumerateArray().Any(ch => ch.GetProperty("delta").TryGetProperty("content", out var t) && t.GetString() != ""));
        Assert.Equal(contentTokens, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + contentTokens, usage.GetProperty("total_tokens").GetInt32());
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.Equal("[DONE]", stream.Events[^1]);
    }

    [Fact]
    public async Task Stream_IncludeObfuscationFalse_LeavesOutObfuscation()
    {
        await using var app = new ChatApiFactory();

        var stream = await SseStream.PostAsync(app.CreateClient(), Requests.Chat("Hello!")
            .With("stream_options", new JsonObject { ["include_obfuscation"] = false }));

        Assert.All(stream.Chunks, c => Assert.False(c.TryGetProperty("obfuscation", out _)));
    }

    [Fact]
    public async Task Stream_SeveralChoices_TellsThemApartByIndex()
    {
        await using var app = new ChatApiFactory();

        var stream = await SseStream.PostAsync(app.CreateClient(), Requests.Chat("Hello!").With("n", 2));

        foreach (var index in new[] { 0, 1 })
        {
            var deltas = stream.ChoiceDeltas(index);
            Assert.Equal("assistant", deltas[0].GetProperty("delta").GetProperty("role").GetString());
            Assert.Equal("stop", deltas[^1].GetProperty("finish_reason").GetString());
            Assert.NotEmpty(stream.Content(index));
        }
        Assert.NotEqual(stream.Content(0), stream.Content(1));
    }

    [Fact]
    public async Task Stream_InvalidRequest_AnswersJsonErrorNotStream()
    {
        await using var app = new ChatApiFactory();

        var stream = await SseStream.PostAsync(app.CreateClient(), Requests.Chat("Hello!").With("top_logprobs", 3));

        Assert.Equal(HttpStatusCode.BadRequest, stream.Status);
        Assert.Equal("application/json", stream.ContentType);
        Assert.Empty(stream.Events);
    }

    [Fact]
    public async Task Create_StreamOptionsWithoutStream_Returns400NamingParam()
    {
        await using var app = new ChatApiFactory();

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/chat/completions",
            Requests.Chat("Hello!").With("stream_options", new JsonObject { ["include_usage"] = true }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("stream_options", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Stream_LongRequest_StreamsExactlyTheTokenLimit()
    {
        await using var app = new ChatApiFactory();

        var stream = await SseStream.PostAsync(app.CreateClient(), Requests.Chat("Write 1000 tokens about harbors.")
            .With("max_completion_tokens", 1000)
            .With("stream_options", new JsonObject { ["include_usage"] = true }));

        Assert.Equal(1000, stream.Chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", stream.ChoiceDeltas(0)[^1].GetProperty("finish_reason").GetString());
    }
}
