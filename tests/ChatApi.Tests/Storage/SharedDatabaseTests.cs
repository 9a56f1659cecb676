using System.Net;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Storage;

/// <summary>Several ChatApi instances behind a load balancer share one PostgreSQL database.</summary>
public sealed class SharedDatabaseTests(TwoInstancesOnePostgres instances) : IClassFixture<TwoInstancesOnePostgres>
{
    [Fact]
    public async Task TwoInstances_OnePostgres_SeeEachOthersCompletions()
    {
        var (first, second) = await InstancesAsync();
        var team = Guid.NewGuid().ToString("N");
        var id = (await first.Client.CreateStoredAsync(metadata: new() { ["team"] = team })).GetProperty("id").GetString();

        var listed = Assert.Single((await second.Client.GetJsonAsync($"/v1/chat/completions?metadata[team]={team}")).GetProperty("data").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        await second.Client.PostJsonAsync($"/v1/chat/completions/{id}", new JsonObject { ["metadata"] = new JsonObject { ["team"] = "blue" } });
        Assert.Equal("blue", (await first.Client.GetJsonAsync($"/v1/chat/completions/{id}")).GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal(HttpStatusCode.OK, (await first.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/chat/completions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Client.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{id}")).Status);
    }

    [Fact]
    public async Task TwoInstances_CursorFromOne_ContinuesOnTheOtherInCreationOrder()
    {
        var (first, second) = await InstancesAsync();
        var walk = Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
            ids.Add((await (i % 2 == 0 ? first : second).Client.CreateStoredAsync(metadata: new() { ["walk"] = walk }, content: $"Question {i}")).GetProperty("id").GetString()!);

        var walked = new List<string>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var client = (page % 2 == 0 ? second : first).Client;
            var json = await client.GetJsonAsync($"/v1/chat/completions?metadata[walk]={walk}&limit=2{(after is null ? "" : $"&after={after}")}");
            walked.AddRange(json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            after = json.GetProperty("last_id").GetString();
        }

        Assert.Equal(ids, walked);
    }

    async Task<(ServerProcess First, ServerProcess Second)> InstancesAsync()
    {
        await PostgresServer.RequireAsync();
        return (instances.First!, instances.Second!);
    }
}
