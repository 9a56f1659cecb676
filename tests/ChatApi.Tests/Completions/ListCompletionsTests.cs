using System.Net;
using System.Text.Json;

namespace ChatApi.Tests.Completions;

public sealed class ListCompletionsTests
{
    [Fact]
    public async Task List_StoredItem_CarriesResponseAndEchoedRequest()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var created = await client.PostJsonAsync("/v1/chat/completions", Requests.Chat()
            .With("store", true).With("metadata", new System.Text.Json.Nodes.JsonObject { ["team"] = "red" })
            .With("seed", 42).With("temperature", 0.5).With("top_p", 0.9).With("user", "user-1"));

        var page = await client.GetJsonAsync("/v1/chat/completions");

        Assert.Equal("list", page.GetProperty("object").GetString());
        var item = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal(created.GetProperty("id").GetString(), item.GetProperty("id").GetString());
        Assert.Equal("chat.completion", item.GetProperty("object").GetString());
        Assert.Equal(created.GetProperty("choices").GetRawText(), item.GetProperty("choices").GetRawText());
        Assert.Equal(created.GetProperty("usage").GetRawText(), item.GetProperty("usage").GetRawText());
        Assert.Equal("red", item.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal(42, item.GetProperty("seed").GetInt64());
        Assert.Equal(0.5, item.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, item.GetProperty("top_p").GetDouble());
        Assert.Equal("user-1", item.GetProperty("input_user").GetString());
        Assert.StartsWith("req_", item.GetProperty("request_id").GetString());
        foreach (var field in new[] { "presence_penalty", "frequency_penalty", "tools", "tool_choice", "response_format" })
            Assert.Equal(JsonValueKind.Null, item.GetProperty(field).ValueKind);
        Assert.Equal(item.GetProperty("id").GetString(), page.GetProperty("first_id").GetString());
        Assert.Equal(item.GetProperty("id").GetString(), page.GetProperty("last_id").GetString());
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task List_FilteredByMetadata_ReturnsOnlyMatches()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        await client.CreateStoredAsync(metadata: new() { ["team"] = "red" });
        await client.CreateStoredAsync(metadata: new() { ["team"] = "blue" });

        var page = await client.GetJsonAsync("/v1/chat/completions?metadata[team]=red");

        var item = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal("red", item.GetProperty("metadata").GetProperty("team").GetString());
    }

    [Fact]
    public async Task List_SeveralMetadataKeys_AllMustMatch()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var both = await client.CreateStoredAsync(metadata: new() { ["team"] = "red", ["env"] = "ci" });
        await client.CreateStoredAsync(metadata: new() { ["team"] = "red", ["env"] = "prod" });
        await client.CreateStoredAsync(metadata: new() { ["env"] = "ci" });

        var page = await client.GetJsonAsync("/v1/chat/completions?metadata[team]=red&metadata[env]=ci");

        var item = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal(both.GetProperty("id").GetString(), item.GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_FilteredByModel_ReturnsOnlyThatModel()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        await client.CreateStoredAsync(model: "gpt-4o");
        await client.CreateStoredAsync(model: "gpt-4o-mini");
        await client.CreateStoredAsync(model: "gpt-4o-mini", metadata: new() { ["team"] = "red" });

        var mini = await client.GetJsonAsync("/v1/chat/completions?model=gpt-4o-mini");
        var miniRed = await client.GetJsonAsync("/v1/chat/completions?model=gpt-4o-mini&metadata[team]=red");

        Assert.Equal(2, mini.GetProperty("data").GetArrayLength());
        Assert.All(mini.GetProperty("data").EnumerateArray(), i => Assert.Equal("gpt-4o-mini", i.GetProperty("model").GetString()));
        Assert.Equal(1, miniRed.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task List_NoLimit_ReturnsTwentyWithHasMore()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        for (var i = 0; i < 21; i++)
            await client.CreateStoredAsync();

        var page = await client.GetJsonAsync("/v1/chat/completions");

        Assert.Equal(20, page.GetProperty("data").GetArrayLength());
        Assert.True(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task List_WalkAllPagesBothOrdersWithFilters_SeesEveryMatchOnceInOrder()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var created = new List<(string Id, string Model, string Team)>();
        for (var i = 0; i < 300; i++)
        {
            var model = i % 3 == 0 ? "gpt-4o-mini" : "gpt-4o";
            var team = i % 2 == 0 ? "red" : "blue";
            var body = await client.CreateStoredAsync(metadata: new() { ["team"] = team, ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, model: model);
            created.Add((body.GetProperty("id").GetString()!, model, team));
        }

        var all = created.Select(c => c.Id).ToList();
        var red = created.Where(c => c.Team == "red").Select(c => c.Id).ToList();
        var miniBlue = created.Where(c => c.Team == "blue" && c.Model == "gpt-4o-mini").Select(c => c.Id).ToList();

        Assert.Equal(all, await WalkAsync(client, "", 17, "asc"));
        Assert.Equal(all.AsEnumerable().Reverse(), await WalkAsync(client, "", 23, "desc"));
        Assert.Equal(red, await WalkAsync(client, "&metadata[team]=red", 20, "asc"));
        Assert.Equal(red.AsEnumerable().Reverse(), await WalkAsync(client, "&metadata[team]=red", 9, "desc"));
        Assert.Equal(miniBlue, await WalkAsync(client, "&model=gpt-4o-mini&metadata[team]=blue", 7, "asc"));
        Assert.Equal(miniBlue.AsEnumerable().Reverse(), await WalkAsync(client, "&model=gpt-4o-mini&metadata[team]=blue", 100, "desc"));
    }

    [Fact]
    public async Task List_UnknownAfterCursor_IsAClearError()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        await client.CreateStoredAsync();

        var (status, body) = await client.SendJsonAsync(HttpMethod.Get, "/v1/chat/completions?after=chatcmpl-nope");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("after", body.GetProperty("error").GetProperty("param").GetString());
        Assert.Contains("chatcmpl-nope", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task List_Empty_HasNullCursors()
    {
        await using var app = new ChatApiFactory();

        var page = await app.CreateClient().GetJsonAsync("/v1/chat/completions");

        Assert.Empty(page.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("first_id").ValueKind);
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    static async Task<List<string>> WalkAsync(HttpClient client, string filter, int limit, string order)
    {
        var ids = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await client.GetJsonAsync($"/v1/chat/completions?limit={limit}&order={order}{filter}{(after is null ? "" : $"&after={after}")}");
            var data = page.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
            Assert.True(data.Count <= limit);
            ids.AddRange(data);
            if (!page.GetProperty("has_more").GetBoolean())
                return ids;
            Assert.Equal(limit, data.Count);
            after = page.GetProperty("last_id").GetString();
        }
        throw new InvalidOperationException("The walk did not end.");
    }
}
