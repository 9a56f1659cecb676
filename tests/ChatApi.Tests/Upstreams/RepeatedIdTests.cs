using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Tests.Auth;

namespace ChatApi.Tests.Upstreams;

/// <summary>
/// An upstream that gives the same id to different answers: each is kept, in its own project; within one project a
/// read by id gives the newest. On SQLite and on PostgreSQL.
/// </summary>
public sealed class RepeatedIdTests
{
    static string Completion(string id, string text) =>
        $$$"""{"id":"{{{id}}}","object":"chat.completion","created":1764640000,"model":"vendor-llama","choices":[{"index":0,"message":{"role":"assistant","content":"{{{text}}}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

    static string Response(string text) =>
        $$$"""{"id":"resp_same","object":"response","created_at":1764650000,"status":"completed","model":"vendor-llama","output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"{{{text}}}","annotations":[]}]}],"usage":{"input_tokens":1,"output_tokens":1,"total_tokens":2}}""";

    static JsonObject Chat(string prompt) => Requests.Chat(prompt, "vendor-llama").With("store", true);

    static JsonObject Ask(string input, string? previous = null) => new()
    {
        ["model"] = "vendor-llama",
        ["input"] = input,
        ["previous_response_id"] = previous,
    };

    static Dictionary<string, string?> Settings(TestStorage storage, bool relayResponses = false)
    {
        var settings = TeamKeys.Settings(storage.Settings);
        if (relayResponses)
            settings["Backends:Upstreams:a:Responses"] = "relay";
        return settings;
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Chat_SameIdInTwoProjects_EachSeesOnlyItsOwnCopy(string provider)
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(Completion("chatcmpl-same", "Red answer")), UpstreamReply.Body(Completion("chatcmpl-same", "Blue answer")));
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var front = RelayFixture.Front(upstream, Settings(storage));
        var red = front.ClientWithKey(TeamKeys.Red);
        var blue = front.ClientWithKey(TeamKeys.Blue);

        await red.CompleteAsync(Chat("Red question"));
        await blue.CompleteAsync(Chat("Blue question"));

        Assert.Equal("Red answer", ContentOf(await red.GetJsonAsync("/v1/chat/completions/chatcmpl-same")));
        Assert.Equal("Blue answer", ContentOf(await blue.GetJsonAsync("/v1/chat/completions/chatcmpl-same")));
        Assert.Single((await red.GetJsonAsync("/v1/chat/completions")).GetProperty("data").EnumerateArray());
        var messages = (await blue.GetJsonAsync("/v1/chat/completions/chatcmpl-same/messages")).GetProperty("data");
        Assert.Equal("Blue question", Assert.Single(messages.EnumerateArray()).GetProperty("content").GetString());

        Assert.Equal(HttpStatusCode.OK, (await red.SendJsonAsync(HttpMethod.Delete, "/v1/chat/completions/chatcmpl-same")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await red.SendJsonAsync(HttpMethod.Get, "/v1/chat/completions/chatcmpl-same")).Status);
        Assert.Equal("Blue answer", ContentOf(await blue.GetJsonAsync("/v1/chat/completions/chatcmpl-same")));
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Chat_SameIdTwiceInOneProject_GetMessagesAndUpdateTakeTheNewest(string provider)
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(Completion("chatcmpl-same", "Older")), UpstreamReply.Body(Completion("chatcmpl-same", "Newer")));
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var front = RelayFixture.Front(upstream, Settings(storage));
        var red = front.ClientWithKey(TeamKeys.Red);
        await red.CompleteAsync(Chat("First question"));
        await red.CompleteAsync(Chat("Second question"));

        var updated = await red.PostJsonAsync("/v1/chat/completions/chatcmpl-same", new JsonObject { ["metadata"] = new JsonObject { ["tag"] = "x" } });

        Assert.Equal("Newer", ContentOf(updated));
        Assert.Equal("Newer", ContentOf(await red.GetJsonAsync("/v1/chat/completions/chatcmpl-same")));
        var messages = (await red.GetJsonAsync("/v1/chat/completions/chatcmpl-same/messages")).GetProperty("data");
        Assert.Equal("Second question", Assert.Single(messages.EnumerateArray()).GetProperty("content").GetString());
        var tagged = (await red.GetJsonAsync("/v1/chat/completions?metadata[tag]=x")).GetProperty("data");
        Assert.Equal("Newer", ContentOf(Assert.Single(tagged.EnumerateArray())));
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task List_CursorNamesARepeatedId_EveryPageAnswersAndTheWalkEnds(string provider)
    {
        await using var upstream = await FakeUpstream.StartAsync(
            UpstreamReply.Body(Completion("chatcmpl-x", "1")), UpstreamReply.Body(Completion("chatcmpl-y", "2")),
            UpstreamReply.Body(Completion("chatcmpl-x", "3")), UpstreamReply.Body(Completion("chatcmpl-z", "4")));
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var front = RelayFixture.Front(upstream, Settings(storage));
        var red = front.ClientWithKey(TeamKeys.Red);
        for (var i = 0; i < 4; i++)
            await red.CompleteAsync(Chat($"Question {i}"));

        // The cursor cannot say which copy ended the page, so it resolves to the one furthest along the walk: the only
        // choice that cannot send a client round in circles, at the price of the rows between the copies.
        Assert.Equal(["1", "4"], await WalkAsync(red, "asc"));
        Assert.Equal(["4", "3"], await WalkAsync(red, "desc"));
        Assert.Equal(4, (await red.GetJsonAsync("/v1/chat/completions")).GetProperty("data").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Responses_SameIdInTwoProjects_EachSeesOnlyItsOwnCopy(string provider)
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(Response("Red answer")), UpstreamReply.Body(Response("Blue answer")));
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var front = RelayFixture.Front(upstream, Settings(storage, relayResponses: true));
        var red = front.ClientWithKey(TeamKeys.Red);
        var blue = front.ClientWithKey(TeamKeys.Blue);

        await red.PostJsonAsync("/v1/responses", Ask("Red question"));
        await blue.PostJsonAsync("/v1/responses", Ask("Blue question"));

        Assert.Equal("Red answer", OutputTextOf(await red.GetJsonAsync("/v1/responses/resp_same")));
        Assert.Equal("Blue answer", OutputTextOf(await blue.GetJsonAsync("/v1/responses/resp_same")));
        Assert.Equal("Blue question", InputTextOf(await blue.GetJsonAsync("/v1/responses/resp_same/input_items")));

        Assert.Equal(HttpStatusCode.OK, (await red.SendJsonAsync(HttpMethod.Delete, "/v1/responses/resp_same")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await red.SendJsonAsync(HttpMethod.Get, "/v1/responses/resp_same")).Status);
        Assert.Equal("Blue answer", OutputTextOf(await blue.GetJsonAsync("/v1/responses/resp_same")));
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Responses_SameIdTwiceInOneProject_ReadsAndChainingTakeTheNewest(string provider)
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(Response("Older")), UpstreamReply.Body(Response("Newer")));
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var front = RelayFixture.Front(upstream, Settings(storage, relayResponses: true));
        var red = front.ClientWithKey(TeamKeys.Red);
        await red.PostJsonAsync("/v1/responses", Ask("First question"));
        await red.PostJsonAsync("/v1/responses", Ask("Second question"));

        Assert.Equal("Newer", OutputTextOf(await red.GetJsonAsync("/v1/responses/resp_same")));
        Assert.Equal("Second question", InputTextOf(await red.GetJsonAsync("/v1/responses/resp_same/input_items")));
        await red.PostJsonAsync("/v1/responses", Ask("Follow-up", previous: "resp_same"));

        Assert.Equal(HttpStatusCode.OK, (await red.SendJsonAsync(HttpMethod.Delete, "/v1/responses/resp_same")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await red.SendJsonAsync(HttpMethod.Get, "/v1/responses/resp_same")).Status);
        var (chained, _) = await red.SendJsonAsync(HttpMethod.Post, "/v1/responses", Ask("Follow-up", previous: "resp_same"));
        Assert.Equal(HttpStatusCode.BadRequest, chained);
    }

    /// <summary>Every completion's content, page by page with limit=1, following <c>after</c> as a client does.</summary>
    static async Task<List<string?>> WalkAsync(HttpClient client, string order)
    {
        var seen = new List<string?>();
        string? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await client.GetJsonAsync($"/v1/chat/completions?limit=1&order={order}{(after is null ? "" : $"&after={after}")}");
            var items = page.GetProperty("data").EnumerateArray().ToList();
            seen.AddRange(items.Select(ContentOf));
            if (!page.GetProperty("has_more").GetBoolean())
                return seen;
            after = items[^1].GetProperty("id").GetString();
        }
        Assert.Fail($"The walk did not end: {string.Join(", ", seen)}");
        return seen;
    }

    static string? ContentOf(JsonElement completion) => completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();

    static string? OutputTextOf(JsonElement response) => response.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString();

    static string? InputTextOf(JsonElement items)
    {
        var content = items.GetProperty("data")[0].GetProperty("content");
        return content.ValueKind == JsonValueKind.String ? content.GetString() : content[0].GetProperty("text").GetString();
    }
}
