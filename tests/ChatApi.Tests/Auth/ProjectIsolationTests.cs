using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Auth;

/// <summary>Stored completions belong to the creating key's project: another project sees nothing of them, an admin key sees all.</summary>
public sealed class ProjectIsolationTests
{
    const string UnknownId = "chatcmpl-00000000000000000000000000000000";

    public static TheoryData<string> Providers => TestStorage.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OtherProjectsCompletion_EveryOperation_AnswersAsAnUnknownIdDoes(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(TeamKeys.Settings(storage.Settings));
        var red = app.ClientWithKey(TeamKeys.Red);
        var blue = app.ClientWithKey(TeamKeys.Blue);
        var redId = (await red.CreateStoredAsync(metadata: new() { ["team"] = "red" })).GetProperty("id").GetString()!;

        foreach (var (method, path, body) in Operations)
        {
            var (status, answer) = await blue.SendJsonAsync(method, string.Format(path, redId), body);
            var (unknownStatus, unknownAnswer) = await blue.SendJsonAsync(method, string.Format(path, UnknownId), body);

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal(unknownStatus, status);
            Assert.Equal(unknownAnswer.GetRawText().Replace(UnknownId, redId), answer.GetRawText());
        }

        // Blue's update and delete changed nothing.
        var stored = await red.GetJsonAsync($"/v1/chat/completions/{redId}");
        Assert.Equal("red", stored.GetProperty("metadata").GetProperty("team").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task List_TwoProjects_NeverMix_AdminSeesBoth(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(TeamKeys.Settings(storage.Settings));
        var red = app.ClientWithKey(TeamKeys.Red);
        var blue = app.ClientWithKey(TeamKeys.Blue);
        var admin = app.ClientWithKey(TeamKeys.Admin);
        List<string> redIds = [], blueIds = [], created = [];
        for (var i = 0; i < 3; i++)
        {
            redIds.Add(Id(await red.CreateStoredAsync(metadata: new() { ["team"] = "same" })));
            blueIds.Add(Id(await blue.CreateStoredAsync(metadata: new() { ["team"] = "same" })));
            created.AddRange([redIds[^1], blueIds[^1]]);
        }

        Assert.Equal(redIds, await ListAllAsync(red, ""));
        Assert.Equal(blueIds, await ListAllAsync(blue, ""));
        Assert.Equal(redIds, await ListAllAsync(red, "&metadata[team]=same"));
        Assert.Equal(blueIds, await ListAllAsync(blue, "&model=gpt-4o"));
        Assert.Equal(created, await ListAllAsync(admin, ""));
        Assert.Equal(created, await ListAllAsync(admin, "&metadata[team]=same"));
        Assert.Equal(redIds[0], (await admin.GetJsonAsync($"/v1/chat/completions/{redIds[0]}")).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{blueIds[0]}/messages")).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task List_AfterAnotherProjectsId_IsTheUnknownCursorError(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(TeamKeys.Settings(storage.Settings));
        var red = app.ClientWithKey(TeamKeys.Red);
        var blue = app.ClientWithKey(TeamKeys.Blue);
        var redId = Id(await red.CreateStoredAsync());
        await blue.CreateStoredAsync();

        foreach (var order in new[] { "asc", "desc" })
        {
            var (status, answer) = await blue.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions?after={redId}&order={order}");
            var (_, unknown) = await blue.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions?after={UnknownId}&order={order}");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("after", answer.GetProperty("error").GetProperty("param").GetString());
            Assert.Equal(unknown.GetRawText().Replace(UnknownId, redId), answer.GetRawText());
        }
    }

    [Fact]
    public async Task Create_WithoutKeysConfigured_StoresInTheDefaultProject()
    {
        await using var store = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var storage = store.Settings;
        string id;
        await using (var open = new ChatApiFactory(storage))
            id = Id(await open.CreateClient().CreateStoredAsync());

        // The same store, later shared: a key of the default project still finds it, another project does not.
        var shared = TeamKeys.Settings(storage);
        shared["Auth:Keys:3:Key"] = "sk-default-Tq2Wm8Zr0Lx4Default";
        shared["Auth:Keys:3:Project"] = "default";
        await using var team = new ChatApiFactory(shared);
        Assert.Equal(HttpStatusCode.OK, (await team.ClientWithKey("sk-default-Tq2Wm8Zr0Lx4Default").SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await team.ClientWithKey(TeamKeys.Red).SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{id}")).Status);
    }

    static readonly (HttpMethod Method, string Path, object? Body)[] Operations =
    [
        (HttpMethod.Get, "/v1/chat/completions/{0}", null),
        (HttpMethod.Post, "/v1/chat/completions/{0}", new JsonObject { ["metadata"] = new JsonObject { ["team"] = "blue" } }),
        (HttpMethod.Get, "/v1/chat/completions/{0}/messages", null),
        (HttpMethod.Delete, "/v1/chat/completions/{0}", null),
    ];

    static string Id(JsonElement completion) => completion.GetProperty("id").GetString()!;

    /// <summary>Walks every page (limit 2, so cursors are used) in ascending order.</summary>
    static async Task<List<string>> ListAllAsync(HttpClient client, string filter)
    {
        var ids = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await client.GetJsonAsync($"/v1/chat/completions?limit=2&order=asc{filter}{(after is null ? "" : $"&after={after}")}");
            ids.AddRange(page.GetProperty("data").EnumerateArray().Select(Id));
            if (!page.GetProperty("has_more").GetBoolean())
                return ids;
            after = page.GetProperty("last_id").GetString();
        }
    }
}
