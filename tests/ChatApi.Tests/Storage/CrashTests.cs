using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Storage;

/// <summary>"Stored" means durable: a server killed mid-load loses nothing it acknowledged and shows nothing half-written.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task Store_ServerKilledUnderLoad_EveryAcknowledgedCompletionSurvivesWhole()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var acknowledged = new ConcurrentDictionary<string, string>();
        var ct = TestContext.Current.CancellationToken;

        await using (var server = await ServerProcess.StartAsync(storage.Settings))
        {
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 16).Select(worker => StoreUntilStoppedAsync(server.Client, worker, acknowledged, stop.Token)).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (acknowledged.Count < 200 && DateTime.UtcNow < deadline)
                await Task.Delay(20, ct);

            server.Kill();
            stop.Cancel();
            await Task.WhenAll(load);
        }
        Assert.True(acknowledged.Count >= 100, $"only {acknowledged.Count} stores were acknowledged before the kill");

        await using var restarted = await ServerProcess.StartAsync(storage.Settings);
        var client = restarted.Client;
        foreach (var (id, n) in acknowledged)
        {
            var found = await client.GetFromJsonAsync<JsonElement>($"/v1/chat/completions/{id}", ct);
            Assert.Equal(n, found.GetProperty("metadata").GetProperty("n").GetString());
            var messages = await client.GetFromJsonAsync<JsonElement>($"/v1/chat/completions/{id}/messages", ct);
            Assert.Equal($"Question {n}", Assert.Single(messages.GetProperty("data").EnumerateArray()).GetProperty("content").GetString());
        }

        // Every row the list shows has its metadata rows too: the unfiltered walk and the walk by metadata agree.
        var all = await StorageTests.WalkAsync(client, "limit=100");
        var byMetadata = await StorageTests.WalkAsync(client, "limit=100&metadata[run]=crash");
        Assert.Equal(all, byMetadata);
        Assert.Subset(all.ToHashSet(), acknowledged.Keys.ToHashSet());
    }

    static async Task StoreUntilStoppedAsync(HttpClient client, int worker, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var n = string.Create(CultureInfo.InvariantCulture, $"{worker}-{i}");
            try
            {
                using var response = await client.PostAsJsonAsync("/v1/chat/completions", new JsonObject
                {
                    ["model"] = "gpt-4o",
                    ["store"] = true,
                    ["metadata"] = new JsonObject { ["n"] = n, ["run"] = "crash" },
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Question {n}" }),
                }, stop);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                    acknowledged[body.GetProperty("id").GetString()!] = n;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return;
            }
        }
    }
}
