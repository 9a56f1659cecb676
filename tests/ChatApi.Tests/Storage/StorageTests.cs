using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Storage;

/// <summary>The stored-completion endpoints, each run on SQLite and on PostgreSQL.</summary>
public sealed class StorageTests
{
    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Get_StoredCompletion_ReturnsResponseWithMetadata(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);
        var client = app.CreateClient();
        var created = await client.CreateStoredAsync(metadata: new() { ["team"] = "red" }, content: "Tell me about <b>foxes</b> & hé");

        var found = await client.GetJsonAsync($"/v1/chat/completions/{created.GetProperty("id").GetString()}");

        Assert.Equal(created.GetProperty("id").GetString(), found.GetProperty("id").GetString());
        Assert.Equal(created.GetProperty("choices").GetRawText(), found.GetProperty("choices").GetRawText());
        Assert.Equal("red", found.GetProperty("metadata").GetProperty("team").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task List_WalkedWithCursor_ReturnsEveryCompletionOnceInOrder(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);
        var client = app.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await client.CreateStoredAsync(content: $"Question {i}")).GetProperty("id").GetString()!);

        Assert.Equal(ids, await WalkAsync(client, "limit=2"));
        Assert.Equal(Enumerable.Reverse(ids), await WalkAsync(client, "limit=2&order=desc"));
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task List_FilteredByModelAndMetadata_ReturnsOnlyMatches(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);
        var client = app.CreateClient();
        await client.CreateStoredAsync(metadata: new() { ["team"] = "red", ["env"] = "prod" }, model: "gpt-4o");
        var match = await client.CreateStoredAsync(metadata: new() { ["team"] = "red", ["env"] = "prod" }, model: "gpt-4o-mini");
        await client.CreateStoredAsync(metadata: new() { ["team"] = "red", ["env"] = "dev" }, model: "gpt-4o-mini");
        await client.CreateStoredAsync(metadata: new() { ["team"] = "blue", ["env"] = "prod" }, model: "gpt-4o-mini");

        var page = await client.GetJsonAsync("/v1/chat/completions?model=gpt-4o-mini&metadata[team]=red&metadata[env]=prod");

        var item = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal(match.GetProperty("id").GetString(), item.GetProperty("id").GetString());
        Assert.Equal(match.GetProperty("id").GetString(), page.GetProperty("first_id").GetString());
        Assert.Equal(match.GetProperty("id").GetString(), page.GetProperty("last_id").GetString());
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task List_UnknownCursor_Returns400NamingAfter(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);
        var client = app.CreateClient();
        await client.CreateStoredAsync();

        var (status, body) = await client.SendJsonAsync(HttpMethod.Get, "/v1/chat/completions?after=chatcmpl-nosuchcompletion");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("after", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task List_NothingStored_ReturnsEmptyListWithNullIds(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);

        var page = await app.CreateClient().GetJsonAsync("/v1/chat/completions");

        Assert.Equal("list", page.GetProperty("object").GetString());
        Assert.Empty(page.GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("first_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("last_id").ValueKind);
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Update_NewMetadata_ReplacesWhatListAndGetSee(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);
        var client = app.CreateClient();
        var id = (await client.CreateStoredAsync(metadata: new() { ["team"] = "red" })).GetProperty("id").GetString();

        var updated = await client.PostJsonAsync($"/v1/chat/completions/{id}", new JsonObject { ["metadata"] = new JsonObject { ["team"] = "blue" } });

        Assert.Equal("blue", updated.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Empty((await client.GetJsonAsync("/v1/chat/completions?metadata[team]=red")).GetProperty("data").EnumerateArray());
        var listed = Assert.Single((await client.GetJsonAsync("/v1/chat/completions?metadata[team]=blue")).GetProperty("data").EnumerateArray());
        Assert.Equal("blue", listed.GetProperty("metadata").GetProperty("team").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Delete_StoredCompletion_GoneFromGetListAndMessages(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);
        var client = app.CreateClient();
        var id = (await client.CreateStoredAsync(metadata: new() { ["team"] = "red" })).GetProperty("id").GetString();

        var deleted = await client.SendJsonAsync(HttpMethod.Delete, $"/v1/chat/completions/{id}");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.True(deleted.Body.GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{id}/messages")).Status);
        Assert.Empty((await client.GetJsonAsync("/v1/chat/completions?metadata[team]=red")).GetProperty("data").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Create_ManyConcurrentStores_EachListedOnceWithItsMetadata(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);
        var client = app.CreateClient();

        var created = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.CreateStoredAsync(metadata: new() { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["run"] = "burst" })));

        var listed = new Dictionary<string, string>();
        foreach (var item in await WalkItemsAsync(client, "limit=100&metadata[run]=burst"))
            listed.Add(item.GetProperty("id").GetString()!, item.GetProperty("metadata").GetProperty("n").GetString()!);
        Assert.Equal(200, listed.Count);
        for (var i = 0; i < created.Length; i++)
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), listed[created[i].GetProperty("id").GetString()!]);
    }

    internal static async Task<List<string>> WalkAsync(HttpClient client, string query) =>
        [.. (await WalkItemsAsync(client, query)).Select(i => i.GetProperty("id").GetString()!)];

    internal static async Task<List<JsonElement>> WalkItemsAsync(HttpClient client, string query)
    {
        var items = new List<JsonElement>();
        string? after = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await client.GetJsonAsync($"/v1/chat/completions?{query}{(after is null ? "" : $"&after={after}")}");
            items.AddRange(page.GetProperty("data").EnumerateArray());
            if (!page.GetProperty("has_more").GetBoolean())
                return items;
            after = page.GetProperty("last_id").GetString();
        }
        throw new InvalidOperationException("The walk did not end.");
    }
}
