using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Generation;

public sealed class LogprobsAndSeedTests
{
    [Fact]
    public async Task Create_Logprobs_TokensSpellTheContentAndTopListsDescend()
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Requests.Chat("Café, naïve and 日本 please.")
            .With("logprobs", true).With("top_logprobs", 5));

        var choice = completion.GetProperty("choices")[0];
        var entries = choice.GetProperty("logprobs").GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(choice.GetProperty("message").GetProperty("content").GetString(), string.Concat(entries.Select(e => e.GetProperty("token").GetString())));
        Assert.Equal(completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), entries.Count);
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").GetProperty("refusal").ValueKind);
        foreach (var entry in entries)
        {
            var token = entry.GetProperty("token").GetString()!;
            Assert.Equal(Encoding.UTF8.GetBytes(token).Select(b => (int)b), entry.GetProperty("bytes").EnumerateArray().Select(b => b.GetInt32()));
            Assert.True(entry.GetProperty("logprob").GetDouble() <= 0);
            var top = entry.GetProperty("top_logprobs").EnumerateArray().ToList();
            Assert.Equal(5, top.Count);
            Assert.Equal(token, top[0].GetProperty("token").GetString());
            Assert.Equal(entry.GetProperty("logprob").GetDouble(), top[0].GetProperty("logprob").GetDouble());
            var values = top.Select(t => t.GetProperty("logprob").GetDouble()).ToList();
            Assert.Equal(values.OrderByDescending(v => v), values);
            Assert.Equal(5, top.Select(t => t.GetProperty("token").GetString()).Distinct().Count());
        }
    }

    [Fact]
    public async Task Create_WithoutLogprobs_LogprobsIsNull()
    {
        await using var app = new ChatApiFactory();

        var completion = await app.CreateClient().CompleteAsync(Requests.Chat("Hello!"));

        Assert.Equal(JsonValueKind.Null, completion.GetProperty("choices")[0].GetProperty("logprobs").ValueKind);
    }

    [Fact]
    public async Task Create_SameSeed_SameOutputAndFingerprint()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        JsonObject Body(int seed) => Requests.Chat("Tell me about copper.").With("seed", seed).With("logprobs", true);

        var first = await client.CompleteAsync(Body(42));
        var again = await client.CompleteAsync(Body(42));
        var other = await client.CompleteAsync(Body(43));

        static string Content(JsonElement c) => c.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        static string Logprobs(JsonElement c) => c.GetProperty("choices")[0].GetProperty("logprobs").GetRawText();
        Assert.Equal(Content(first), Content(again));
        Assert.Equal(Logprobs(first), Logprobs(again));
        Assert.NotEqual(Content(first), Content(other));
        Assert.StartsWith("fp_", first.GetProperty("system_fingerprint").GetString());
        Assert.Equal(first.GetProperty("system_fingerprint").GetString(), again.GetProperty("system_fingerprint").GetString());
    }
}
