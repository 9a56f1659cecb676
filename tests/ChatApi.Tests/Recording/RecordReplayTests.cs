using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Recording;

/// <summary>Record against a real loopback upstream, stop it, and replay from the cassettes.</summary>
public sealed class RecordReplayTests : IDisposable
{
    const string UpstreamKey = "sk-upstream-secret-7f3a91";
    const string ClientKey = "sk-client-secret-c20e55";

    readonly string _directory = Path.Combine(Path.GetTempPath(), $"chatapi-cassettes-{Guid.NewGuid():N}");

    ChatApiFactory Front(Uri upstream, string mode, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Backends:Upstreams:fake:BaseUrl"] = upstream.ToString(),
            ["Backends:Upstreams:fake:ApiKey"] = UpstreamKey,
            ["Backends:Routes:fake-*"] = "fake",
            ["Recording:Mode"] = mode,
            ["Recording:Directory"] = _directory,
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return new ChatApiFactory(settings);
    }

    static HttpClient ClientOf(ChatApiFactory app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientKey);
        return client;
    }

    static JsonObject Chat(string prompt = "Say something recorded.") => Requests.Chat(prompt, "fake-1");

    static async Task<(HttpStatusCode Status, byte[] Body, HttpResponseMessage Response)> PostRawAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), response);
    }

    string[] CassetteFiles() => Directory.Exists(_directory) ? Directory.GetFiles(_directory, "*.json", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task Replay_UpstreamStopped_SameBytesAsRecorded()
    {
        byte[] recorded;
        Uri address;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = Front(address, "record");
            var (status, body, response) = await PostRawAsync(ClientOf(recording), Chat());
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(FakeUpstream.Completion, Encoding.UTF8.GetString(body));
            Assert.Equal("41", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
            recorded = body;
        }

        await using var replaying = Front(address, "replay");
        var replayed = await PostRawAsync(ClientOf(replaying), Chat());

        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Equal(recorded, replayed.Body);
        Assert.Equal("application/json", replayed.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("41", replayed.Response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        var file = Assert.Single(CassetteFiles());
        Assert.Contains("chat-completions", file);
        Assert.Contains("vendor_trace", File.ReadAllText(file));
    }

    [Fact]
    public async Task Replay_SameRequestButUserMetadataStore_IsTheRecordedAnswer()
    {
        Uri address;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = Front(address, "record");
            await PostRawAsync(ClientOf(recording), Chat());
        }

        await using var replaying = Front(address, "replay");
        var variant = Chat().With("user", "someone").With("store", true).With("metadata", new JsonObject { ["test"] = "t1" });
        var (status, body, _) = await PostRawAsync(ClientOf(replaying), variant);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(FakeUpstream.Completion, Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("instant")]
    [InlineData("recorded")]
    public async Task ReplayStream_UpstreamStopped_SameEventsInBothPacings(string pacing)
    {
        SseStream recorded;
        Uri address;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = Front(address, "record");
            recorded = await SseStream.PostAsync(ClientOf(recording), Chat("Stream it."));
        }
        Assert.Equal([.. FakeUpstream.StreamEvents, "[DONE]"], recorded.Events);

        await using var replaying = Front(address, "replay", new() { ["Recording:Pacing"] = pacing });
        var client = ClientOf(replaying);
        await SseStream.PostAsync(client, Chat("Warm up, unrecorded."));
        var clock = Stopwatch.StartNew();
        var replayed = await SseStream.PostAsync(client, Chat("Stream it."));
        var elapsed = clock.Elapsed;

        Assert.Equal(recorded.Events, replayed.Events);
        Assert.True(replayed.Completed);
        var recordedWait = TimeSpan.FromMilliseconds(FakeUpstream.StreamEvents.Length * FakeUpstream.StreamGapMs);
        if (pacing == "recorded")
            Assert.True(elapsed >= recordedWait - TimeSpan.FromMilliseconds(50), $"paced replay took {elapsed.TotalMilliseconds} ms, the recording ~{recordedWait.TotalMilliseconds} ms");
        else
            Assert.True(elapsed < recordedWait, $"instant replay took {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Replay_UnrecordedRequest_SameClearErrorNamingKeyAndFile()
    {
        await using var app = Front(new Uri("http://127.0.0.1:9/v1"), "replay");
        var client = ClientOf(app);

        var first = await client.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Chat("Never recorded."));
        var second = await client.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Chat("Never recorded."));
        var stream = await SseStream.PostAsync(client, Chat("Never recorded."));

        Assert.Equal(HttpStatusCode.NotFound, first.Status);
        Assert.Equal(first.Body.GetRawText(), second.Body.GetRawText());
        var error = first.Body.GetProperty("error");
        Assert.Equal("cassette_not_found", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Matches("key [0-9a-f]{16}", message);
        Assert.Contains(Path.Combine(_directory, "chat-completions", "fake-1-"), message);
        Assert.Equal(HttpStatusCode.NotFound, stream.Status);
        Assert.Empty(CassetteFiles());
    }

    [Fact]
    public async Task Replay_UnreadableCassette_500NamingTheFile()
    {
        await using var app = Front(new Uri("http://127.0.0.1:9/v1"), "replay");
        var client = ClientOf(app);
        var message = (await client.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Chat("Broken."))).Body.GetProperty("error").GetProperty("message").GetString()!;
        var path = message[(message.IndexOf("expected ", StringComparison.Ordinal) + "expected ".Length)..message.IndexOf(".json", StringComparison.Ordinal)] + ".json";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "{ half a cassette", TestContext.Current.CancellationToken);

        var (status, body) = await client.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Chat("Broken."));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("cassette_unreadable", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(path, body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Replay_UnrecordedRequest_ConfiguredStatus()
    {
        await using var app = Front(new Uri("http://127.0.0.1:9/v1"), "replay", new() { ["Recording:MissingStatus"] = "500" });

        var (status, _) = await ClientOf(app).SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", Chat("Never recorded."));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
    }

    [Fact]
    public async Task Replay_RecordedRateLimit_SameErrorStatusBodyAndRetryAfter()
    {
        byte[] recorded;
        Uri address;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = Front(address, "record");
            var (status, body, response) = await PostRawAsync(ClientOf(recording), Chat("rate-limit-me"));
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.Equal("20", response.Headers.GetValues("retry-after").Single());
            recorded = body;
        }

        await using var replaying = Front(address, "replay");
        var replayed = await PostRawAsync(ClientOf(replaying), Chat("rate-limit-me"));

        Assert.Equal(HttpStatusCode.TooManyRequests, replayed.Status);
        Assert.Equal(FakeUpstream.RateLimited, Encoding.UTF8.GetString(replayed.Body));
        Assert.Equal(recorded, replayed.Body);
        Assert.Equal("20", replayed.Response.Headers.GetValues("retry-after").Single());
    }

    [Fact]
    public async Task Record_Twice_UnchangedExchangesRewriteTheSameBytes()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        Dictionary<string, byte[]> first;
        await using (var recording = Front(upstream.BaseUrl, "record"))
        {
            var client = ClientOf(recording);
            await PostRawAsync(client, Chat());
            await PostRawAsync(client, Chat("rate-limit-me"));
            first = CassetteFiles().ToDictionary(f => f, File.ReadAllBytes);
        }
        await using (var again = Front(upstream.BaseUrl, "record"))
        {
            var client = ClientOf(again);
            await PostRawAsync(client, Chat());
            await PostRawAsync(client, Chat("rate-limit-me"));
        }

        Assert.Equal(2, first.Count);
        Assert.Equal(4, upstream.Calls);
        foreach (var (file, bytes) in first)
            Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.Equal(first.Keys.Order(), CassetteFiles().Order());
    }

    [Fact]
    public async Task Record_Everything_NoSecretInAnyFile()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using (var recording = Front(upstream.BaseUrl, "record", new() { ["Recording:RedactFields:0"] = "messages.*.content" }))
        {
            var client = ClientOf(recording);
            await PostRawAsync(client, Chat("my password is hunter2"));
            await SseStream.PostAsync(client, Chat("stream hunter2"));
            await PostRawAsync(client, Chat("rate-limit-me hunter2"));
        }

        Assert.All(upstream.Authorizations, a => Assert.Equal($"Bearer {UpstreamKey}", a));
        var files = CassetteFiles();
        Assert.Equal(3, files.Length);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var secret in new[] { UpstreamKey, ClientKey, "hunter2", "secret-cookie", "Bearer", "authorization" })
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{file} contains {secret}");
        }
    }

    [Fact]
    public async Task RecordMissing_RecordsWhatIsMissingAndReplaysTheRest()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = Front(upstream.BaseUrl, "record-missing");
        var client = ClientOf(app);

        var first = await PostRawAsync(client, Chat("One."));
        var again = await PostRawAsync(client, Chat("One."));
        Assert.Equal(1, upstream.Calls);
        await PostRawAsync(client, Chat("Two."));

        Assert.Equal(first.Body, again.Body);
        Assert.Equal(2, upstream.Calls);
        Assert.Equal(2, CassetteFiles().Length);
    }

    [Fact]
    public async Task Record_BuiltInBackend_ReplaysItsAnswerByteForByte()
    {
        var settings = new Dictionary<string, string?> { ["Recording:Directory"] = _directory, ["Recording:Backends:deterministic"] = "record" };
        byte[] recorded;
        SseStream recordedStream;
        await using (var recording = new ChatApiFactory(settings))
        {
            recorded = (await PostRawAsync(recording.CreateClient(), Requests.Chat("Built in."))).Body;
            recordedStream = await SseStream.PostAsync(recording.CreateClient(), Requests.Chat("Built in, streamed."));
        }

        settings["Recording:Backends:deterministic"] = "replay";
        await using var replaying = new ChatApiFactory(settings);
        Assert.Equal(recorded, (await PostRawAsync(replaying.CreateClient(), Requests.Chat("Built in."))).Body);
        Assert.Equal(recordedStream.Events, (await SseStream.PostAsync(replaying.CreateClient(), Requests.Chat("Built in, streamed."))).Events);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
