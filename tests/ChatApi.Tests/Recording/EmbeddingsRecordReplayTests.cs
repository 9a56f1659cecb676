using System.Net;
using System.Text.Json.Nodes;
using OpenAI.Embeddings;

namespace ChatApi.Tests.Recording;

/// <summary><c>POST /v1/embeddings</c> relayed to an upstream: recorded, then replayed with the upstream stopped.</summary>
public sealed class EmbeddingsRecordReplayTests : IDisposable
{
    const string Path = "/v1/embeddings";

    readonly RecordingRig _rig = new();

    static JsonObject Embed(string input = "Embed this recorded text.") => new() { ["model"] = "fake-embed", ["input"] = input, ["encoding_format"] = "float" };

    [Fact]
    public async Task Replay_UpstreamStopped_SameBytesAsRecorded()
    {
        Uri address;
        string recorded;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = _rig.Front(address, "record");
            var (status, body, response) = await RecordingRig.PostAsync(RecordingRig.Client(recording), Path, Embed());
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(FakeUpstream.Embedding, body);
            Assert.Equal("41", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
            recorded = body;
        }

        await using var replaying = _rig.Front(address, "replay");
        var replayed = await RecordingRig.PostAsync(RecordingRig.Client(replaying), Path, Embed().With("user", "someone"));

        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Equal(recorded, replayed.Body);
        Assert.Equal("41", replayed.Response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        var file = Assert.Single(_rig.CassetteFiles());
        Assert.Equal(System.IO.Path.Combine(_rig.Directory, "embeddings"), System.IO.Path.GetDirectoryName(file));
        Assert.StartsWith("fake-embed-", System.IO.Path.GetFileName(file));
    }

    [Fact]
    public async Task Replay_OfficialSdk_UpstreamStopped_SameVectors()
    {
        Uri address;
        float[] recorded;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = _rig.Front(address, "record");
            recorded = (await EmbedWithSdkAsync(recording)).ToArray();
        }

        await using var replaying = _rig.Front(address, "replay");
        var replayed = (await EmbedWithSdkAsync(replaying)).ToArray();

        Assert.Equal([0.125f, -0.5f, 0.25f], recorded);
        Assert.Equal(recorded, replayed);
    }

    static async Task<ReadOnlyMemory<float>> EmbedWithSdkAsync(ChatApiFactory app)
    {
        var client = Sdk.SdkClients.OpenAI(app.StartOnLoopback()).GetEmbeddingClient("fake-embed");
        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("Embed this with the SDK.", cancellationToken: TestContext.Current.CancellationToken);
        return embedding.ToFloats();
    }

    [Fact]
    public async Task Replay_UnrecordedRequest_ClearErrorNamingKeyAndEmbeddingsFile()
    {
        await using var app = _rig.Front(new Uri("http://127.0.0.1:9/v1"), "replay");
        var client = RecordingRig.Client(app);

        var (status, body, _) = await RecordingRig.PostAsync(client, Path, Embed("Never recorded."));

        Assert.Equal(HttpStatusCode.NotFound, status);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("cassette_not_found", error["code"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.Matches("key [0-9a-f]{16}", message);
        Assert.Contains(System.IO.Path.Combine(_rig.Directory, "embeddings", "fake-embed-"), message);
        Assert.Empty(_rig.CassetteFiles());
    }

    [Fact]
    public async Task Replay_UnrecordedRequest_ConfiguredStatus()
    {
        await using var app = _rig.Front(new Uri("http://127.0.0.1:9/v1"), "replay", new() { ["Recording:MissingStatus"] = "500" });

        var (status, _, _) = await RecordingRig.PostAsync(RecordingRig.Client(app), Path, Embed("Never recorded."));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
    }

    [Fact]
    public async Task Replay_SameBodyRecordedForChat_IsNotAnEmbeddingsCassette()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var body = Embed().With("messages", new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }));
        await using (var recording = _rig.Front(upstream.BaseUrl, "record"))
            await RecordingRig.PostAsync(RecordingRig.Client(recording), "/v1/chat/completions", body);

        await using var replaying = _rig.Front(upstream.BaseUrl, "replay");
        var (status, _, _) = await RecordingRig.PostAsync(RecordingRig.Client(replaying), Path, body);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(1, upstream.Calls);
    }

    [Fact]
    public async Task Record_Twice_UnchangedExchangesRewriteTheSameBytes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        Dictionary<string, byte[]> first;
        await using (var recording = _rig.Front(upstream.BaseUrl, "record"))
        {
            var client = RecordingRig.Client(recording);
            await RecordingRig.PostAsync(client, Path, Embed());
            await RecordingRig.PostAsync(client, Path, Embed("rate-limit-me"));
            first = _rig.CassetteFiles().ToDictionary(f => f, File.ReadAllBytes);
        }
        await using (var again = _rig.Front(upstream.BaseUrl, "record"))
        {
            var client = RecordingRig.Client(again);
            await RecordingRig.PostAsync(client, Path, Embed());
            await RecordingRig.PostAsync(client, Path, Embed("rate-limit-me"));
        }

        Assert.Equal(2, first.Count);
        Assert.Equal(4, upstream.Calls);
        foreach (var (file, bytes) in first)
            Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.Equal(first.Keys.Order(), _rig.CassetteFiles().Order());
    }

    [Fact]
    public async Task Replay_RecordedRateLimit_SameErrorStatusBodyAndRetryAfter()
    {
        Uri address;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = _rig.Front(address, "record");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await RecordingRig.PostAsync(RecordingRig.Client(recording), Path, Embed("rate-limit-me"))).Status);
        }

        await using var replaying = _rig.Front(address, "replay");
        var (status, body, response) = await RecordingRig.PostAsync(RecordingRig.Client(replaying), Path, Embed("rate-limit-me"));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(FakeUpstream.RateLimited, body);
        Assert.Equal("20", response.Headers.GetValues("retry-after").Single());
    }

    [Fact]
    public async Task Record_Everything_NoSecretInAnyFile()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using (var recording = _rig.Front(upstream.BaseUrl, "record", new() { ["Recording:RedactFields:0"] = "input" }))
        {
            var client = RecordingRig.Client(recording);
            await RecordingRig.PostAsync(client, Path, Embed("my password is hunter2"));
            await RecordingRig.PostAsync(client, Path, Embed("rate-limit-me hunter2"));
        }

        Assert.All(upstream.Authorizations, a => Assert.Equal($"Bearer {RecordingRig.UpstreamKey}", a));
        Assert.Equal(2, _rig.CassetteFiles().Length);
        _rig.AssertNoSecretInAnyCassette();
        Assert.All(_rig.CassetteFiles(), f => Assert.DoesNotContain("hunter2", File.ReadAllText(f)));
    }

    [Fact]
    public async Task RecordMissing_RecordsWhatIsMissingAndReplaysTheRest()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = _rig.Front(upstream.BaseUrl, "record-missing");
        var client = RecordingRig.Client(app);

        var first = await RecordingRig.PostAsync(client, Path, Embed("One."));
        var again = await RecordingRig.PostAsync(client, Path, Embed("One."));
        Assert.Equal(1, upstream.Calls);
        await RecordingRig.PostAsync(client, Path, Embed("Two."));

        Assert.Equal(first.Body, again.Body);
        Assert.Equal(2, upstream.Calls);
        Assert.Equal(2, _rig.CassetteFiles().Length);
    }

    public void Dispose() => _rig.Dispose();
}
