using System.Net;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Storage;

/// <summary>Several ChatApi instances behind a load balancer share one PostgreSQL database.</summary>
public sealed class SharedDatabaseTests
{
    [Fact]
    public async Task TwoInstances_OnePostgres_SeeEachOthersCompletions()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var first = await ServerProcess.StartAsync(storage.Settings);
        await using var second = await ServerProcess.StartAsync(storage.Settings);

        var id = (await first.Client.CreateStoredAsync(metadata: new() { ["team"] = "red" })).GetProperty("id").GetString();

        var listed = Assert.Single((await second.Client.GetJsonAsync("/v1/chat/completions?metadata[team]=red")).GetProperty("data").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        await second.Client.PostJsonAsync($"/v1/chat/completions/{id}", new JsonObject { ["metadata"] = new JsonObject { ["team"] = "blue" } });
        Assert.Equal("blue", (await first.Client.GetJsonAsync($"/v1/chat/completions/{id}")).GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal(HttpStatusCode.OK, (await first.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/chat/completions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Client.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{id}")).Status);
    }

    [Fact]
    public async Task TwoInstances_CursorFromOne_ContinuesOnTheOtherInCreationOrder()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await using var first = await ServerProcess.StartAsync(storage.Settings);
        await using var second = await ServerProcess.StartAsync(storage.Settings);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
            ids.Add((await (i % 2 == 0 ? first : second).Client.CreateStoredAsync(content: $"Question {i}")).GetProperty("id").GetString()!);

        var walked = new List<string>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var client = (page % 2 == 0 ? second : first).Client;
            var json = await client.GetJsonAsync($"/v1/chat/completions?limit=2{(after is null ? "" : $"&after={after}")}");
            walked.AddRange(json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            after = json.GetProperty("last_id").GetString();
        }

        Assert.Equal(ids, walked);
    }
}
