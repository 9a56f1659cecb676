using System.Net;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Upstreams;

/// <summary>
/// An upstream's ids are kept as it sent them, whatever their length (OpenAI's are 40-60 characters, other servers'
/// longer): stored and read back by id on SQLite and on PostgreSQL.
/// </summary>
public sealed class LongIdTests
{
    static readonly string ChatId = "chatcmpl-" + new string('a', 191);
    static readonly string ResponseId = "resp_" + new string('b', 195);

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Chat_UpstreamIdOf200Characters_StoredAndReadBack(string provider)
    {
        var completion = $$$"""{"id":"{{{ChatId}}}","object":"chat.completion","created":1764640000,"model":"vendor-llama","choices":[{"index":0,"message":{"role":"assistant","content":"Long id"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(completion));
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var front = RelayFixture.Front(upstream, new Dictionary<string, string?>(storage.Settings));
        var client = front.CreateClient();

        var created = await client.CompleteAsync(Requests.Chat("Hello", "vendor-llama").With("store", true));

        Assert.Equal(ChatId, created.GetProperty("id").GetString());
        var stored = await client.GetJsonAsync($"/v1/chat/completions/{ChatId}");
        Assert.Equal(ChatId, stored.GetProperty("id").GetString());
        Assert.Equal(ChatId, (await client.GetJsonAsync("/v1/chat/completions")).GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Responses_UpstreamIdOf200Characters_StoredAndContinued(string provider)
    {
        var response = $$$"""{"id":"{{{ResponseId}}}","object":"response","created_at":1764650000,"status":"completed","model":"vendor-llama","output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Long id","annotations":[]}]}],"usage":{"input_tokens":1,"output_tokens":1,"total_tokens":2}}""";
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(response), UpstreamReply.Body(response));
        await using var storage = await TestStorage.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(storage.Settings) { ["Backends:Upstreams:a:Responses"] = "relay" };
        await using var front = RelayFixture.Front(upstream, settings);
        var client = front.CreateClient();

        await client.PostJsonAsync("/v1/responses", new JsonObject { ["model"] = "vendor-llama", ["input"] = "Hello" });
        var next = await client.SendJsonAsync(HttpMethod.Post, "/v1/responses",
            new JsonObject { ["model"] = "vendor-llama", ["input"] = "Again", ["previous_response_id"] = ResponseId });

        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal(ResponseId, (await client.GetJsonAsync($"/v1/responses/{ResponseId}")).GetProperty("id").GetString());
    }
}
