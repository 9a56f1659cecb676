using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Streaming;

public sealed class StreamLogprobsTests
{
    [Fact]
    public async Task Stream_WithLogprobs_EachContentChunkCarriesItsToken()
    {
        await using var app = new ChatApiFactory();

        var stream = await SseStream.PostAsync(app.CreateClient(), Requests.Chat("Hello!").With("logprobs", true).With("top_logprobs", 2));

        var deltas = stream.ChoiceDeltas(0);
        Assert.Equal(JsonValueKind.Null, deltas[0].GetProperty("logprobs").ValueKind);
        Assert.Equal(JsonValueKind.Null, deltas[^1].GetProperty("logprobs").ValueKind);
        foreach (var delta in deltas.Skip(1).SkipLast(1))
        {
            var entry = Assert.Single(delta.GetProperty("logprobs").GetProperty("content").EnumerateArray());
            Assert.Equal(delta.GetProperty("delta").GetProperty("content").GetString(), entry.GetProperty("token").GetString());
            Assert.Equal(2, entry.GetProperty("top_logprobs").GetArrayLength());
        }
    }
}
