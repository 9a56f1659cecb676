using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Recording;

/// <summary>
/// One cassette replayed twice on one server, so its recorded id is stored twice: both requests answer, both are
/// kept, a read by id gives the newest and a delete removes both. On SQLite and on PostgreSQL.
/// </summary>
public sealed class ReplayedTwiceTests : IDisposable
{
    const string ChatPath = "/v1/chat/completions";
    const string ResponsesPath = "/v1/responses";

    static readonly Dictionary<string, string?> ResponsesRelay = new() { ["Backends:Upstreams:fake:Responses"] = "relay" };

    readonly RecordingRig _rig = new();

    static JsonObject Chat() => Requests.Chat("Say something recorded.", "fake-1");

    static JsonObject Ask() => new() { ["model"] = "fake-1", ["input"] = "Say something recorded.", ["instructions"] = "Be brief." };

    /// <summary>Records <paramref name="body"/> into the rig's cassettes and stops the upstream; returns its address.</summary>
    async Task<Uri> RecordAsync(string path, JsonObject body, Dictionary<string, string?>? extra = null)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var recording = _rig.Front(upstream.BaseUrl, "record", extra);
        var (status, _, _) = await RecordingRig.PostAsync(RecordingRig.Client(recording), path, body);
        Assert.Equal(HttpStatusCode.OK, status);
        return upstream.BaseUrl;
    }

    static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task ChatReplayedTwice_StoreTrue_BothListedGetReadsNewestDeleteRemovesBoth(string provider)
    {
        var upstream = await RecordAsync(ChatPath, Chat());
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = _rig.Front(upstream, "replay", storage.Settings);
        var client = RecordingRig.Client(app);

        var first = await RecordingRig.PostAsync(client, ChatPath, Chat().With("store", true).With("metadata", new JsonObject { ["run"] = "1" }));
        var second = await RecordingRig.PostAsync(client, ChatPath, Chat().With("store", true).With("metadata", new JsonObject { ["run"] = "2" }));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(["chatcmpl-fake1", "chatcmpl-fake1"], await ListedIdsAsync(client));
        var found = await client.GetJsonAsync($"{ChatPath}/chatcmpl-fake1");
        Assert.Equal("2", found.GetProperty("metadata").GetProperty("run").GetString());
        await AssertDeletedAsync(client, $"{ChatPath}/chatcmpl-fake1");
        Assert.Empty(await ListedIdsAsync(client));
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task ChatReplayedTwice_CaptureAll_JournalShowsBothGetReadsNewest(string provider)
    {
        var upstream = await RecordAsync(ChatPath, Chat());
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = _rig.Front(upstream, "replay", Merge(storage.Settings, new() { ["Storage:Capture"] = "all" }));
        var client = RecordingRig.Client(app);

        var first = await RecordingRig.PostAsync(client, ChatPath, Chat());
        var second = await RecordingRig.PostAsync(client, ChatPath, Chat());

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var journal = (await client.GetJsonAsync($"{ChatPath}?order=asc")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, journal.Count);
        Assert.All(journal, entry => Assert.Equal("chatcmpl-fake1", entry.GetProperty("id").GetString()));
        // Each entry carries its own request's id, which tells the two copies apart.
        Assert.NotEqual(RequestIdOf(journal[0]), RequestIdOf(journal[1]));
        var found = await client.GetJsonAsync($"{ChatPath}/chatcmpl-fake1");
        Assert.Equal(RequestIdOf(journal[1]), RequestIdOf(found));
        await AssertDeletedAsync(client, $"{ChatPath}/chatcmpl-fake1");
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task ResponsesReplayedTwice_DefaultStore_BothAnswerGetWorksDeleteRemovesBoth(string provider)
    {
        var upstream = await RecordAsync(ResponsesPath, Ask(), ResponsesRelay);
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = _rig.Front(upstream, "replay", Merge(ResponsesRelay, storage.Settings));
        var client = RecordingRig.Client(app);

        var first = await RecordingRig.PostAsync(client, ResponsesPath, Ask());
        var second = await RecordingRig.PostAsync(client, ResponsesPath, Ask());

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(FakeUpstream.Response, second.Body);
        var found = await client.GetJsonAsync($"{ResponsesPath}/resp_fake1");
        Assert.Equal("resp_fake1", found.GetProperty("id").GetString());
        var items = await client.GetJsonAsync($"{ResponsesPath}/resp_fake1/input_items");
        Assert.Single(items.GetProperty("data").EnumerateArray());
        await AssertDeletedAsync(client, $"{ResponsesPath}/resp_fake1");
        var (itemsAfter, _) = await client.SendJsonAsync(HttpMethod.Get, $"{ResponsesPath}/resp_fake1/input_items");
        Assert.Equal(HttpStatusCode.NotFound, itemsAfter);
    }

    static async Task<List<string?>> ListedIdsAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync($"{ChatPath}?order=asc")).GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString())];

    static string? RequestIdOf(JsonElement completion) => completion.GetProperty("request_id").GetString();

    /// <summary>Delete answers 200 once, and the id is gone: get and a second delete answer 404.</summary>
    static async Task AssertDeletedAsync(HttpClient client, string path)
    {
        var (deleted, body) = await client.SendJsonAsync(HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.True(body.GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Get, path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Delete, path)).Status);
    }

    public void Dispose() => _rig.Dispose();
}
