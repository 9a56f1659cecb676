using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Recording;

/// <summary>
/// <c>POST /v1/responses</c> relayed to an upstream that speaks it (<c>Responses = relay</c>), recorded and replayed
/// with the upstream stopped; and a Responses request translated to chat, which is recorded as the chat request it becomes.
/// </summary>
public sealed class ResponsesRecordReplayTests : IDisposable
{
    const string Path = "/v1/responses";

    static readonly Dictionary<string, string?> Relay = new() { ["Backends:Upstreams:fake:Responses"] = "relay" };

    readonly RecordingRig _rig = new();

    static JsonObject Ask(string input = "Say something recorded.", bool stream = false) => new()
    {
        ["model"] = "fake-1",
        ["input"] = input,
        ["instructions"] = "Be brief.",
        ["stream"] = stream,
    };

    Dictionary<string, string?> RelayWith(string key, string value) => new(Relay) { [key] = value };

    /// <summary>The stream as the client reads it: the body's text, with its <c>event:</c> and <c>data:</c> lines.</summary>
    static async Task<(HttpStatusCode Status, string Text)> StreamAsync(HttpClient client, JsonObject body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    static string ExpectedStream() =>
        string.Concat(FakeUpstream.ResponseStreamEvents.Select(e => $"event: {e.Event}\ndata: {e.Data}\n\n"));

    [Fact]
    public async Task Replay_UpstreamStopped_SameBytesAsRecorded()
    {
        Uri address;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = _rig.Front(address, "record", Relay);
            var (status, body, _) = await RecordingRig.PostAsync(RecordingRig.Client(recording), Path, Ask());
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(FakeUpstream.Response, body);
        }

        await using var replaying = _rig.Front(address, "replay", Relay);
        var (replayedStatus, replayed, response) = await RecordingRig.PostAsync(RecordingRig.Client(replaying), Path, Ask().With("metadata", new JsonObject { ["test"] = "t1" }));

        Assert.Equal(HttpStatusCode.OK, replayedStatus);
        Assert.Equal(FakeUpstream.Response, replayed);
        Assert.Equal("41", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        var file = Assert.Single(_rig.CassetteFiles());
        Assert.Equal(System.IO.Path.Combine(_rig.Directory, "responses"), System.IO.Path.GetDirectoryName(file));
    }

    [Theory]
    [InlineData("instant")]
    [InlineData("recorded")]
    public async Task ReplayStream_UpstreamStopped_SameEventsWithTheirNamesInBothPacings(string pacing)
    {
        Uri address;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = _rig.Front(address, "record", Relay);
            var (status, text) = await StreamAsync(RecordingRig.Client(recording), Ask("Stream it.", stream: true));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(ExpectedStream(), text);
        }
        var cassette = JsonNode.Parse(File.ReadAllText(Assert.Single(_rig.CassetteFiles())))!;
        var events = cassette["response"]!["events"]!.AsArray();
        Assert.Equal(FakeUpstream.ResponseStreamEvents.Select(e => e.Event), events.Select(e => e!["event"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(0, e!["delayMs"]!.GetValue<int>() % 10));

        await using var replaying = _rig.Front(address, "replay", RelayWith("Recording:Pacing", pacing));
        var client = RecordingRig.Client(replaying);
        await StreamAsync(client, Ask("Warm up, unrecorded.", stream: true));
        var clock = Stopwatch.StartNew();
        var replayed = await StreamAsync(client, Ask("Stream it.", stream: true));
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Equal(ExpectedStream(), replayed.Text);
        var recordedWait = TimeSpan.FromMilliseconds(FakeUpstream.ResponseStreamEvents.Length * FakeUpstream.StreamGapMs);
        if (pacing == "recorded")
            Assert.True(elapsed >= recordedWait - TimeSpan.FromMilliseconds(50), $"paced replay took {elapsed.TotalMilliseconds} ms, the recording ~{recordedWait.TotalMilliseconds} ms");
        else
            Assert.True(elapsed < recordedWait, $"instant replay took {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Replay_UnrecordedRequest_SameClearErrorForBodyAndStream()
    {
        await using var app = _rig.Front(new Uri("http://127.0.0.1:9/v1"), "replay", RelayWith("Recording:MissingStatus", "409"));
        var client = RecordingRig.Client(app);

        var (status, body, _) = await RecordingRig.PostAsync(client, Path, Ask("Never recorded."));
        var stream = await StreamAsync(client, Ask("Never recorded.", stream: true));

        Assert.Equal(HttpStatusCode.Conflict, status);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("cassette_not_found", error["code"]!.GetValue<string>());
        Assert.Matches("key [0-9a-f]{16}", error["message"]!.GetValue<string>());
        Assert.Contains(System.IO.Path.Combine(_rig.Directory, "responses", "fake-1-"), error["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, stream.Status);
        Assert.Equal("cassette_not_found", JsonNode.Parse(stream.Text)!["error"]!["code"]!.GetValue<string>());
        Assert.Empty(_rig.CassetteFiles());
    }

    [Fact]
    public async Task Record_Twice_UnchangedExchangeRewritesTheSameBytes_AndNoSecret()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        Dictionary<string, byte[]> first;
        await using (var recording = _rig.Front(upstream.BaseUrl, "record", Relay))
        {
            var client = RecordingRig.Client(recording);
            await RecordingRig.PostAsync(client, Path, Ask());
            await RecordingRig.PostAsync(client, Path, Ask("rate-limit-me"));
            await StreamAsync(client, Ask("Stream it.", stream: true));
            first = _rig.CassetteFiles().ToDictionary(f => f, File.ReadAllBytes);
        }
        await using (var again = _rig.Front(upstream.BaseUrl, "record", Relay))
        {
            var client = RecordingRig.Client(again);
            await RecordingRig.PostAsync(client, Path, Ask());
            await RecordingRig.PostAsync(client, Path, Ask("rate-limit-me"));
        }

        Assert.Equal(3, first.Count);
        Assert.Equal(5, upstream.Calls);
        foreach (var (file, bytes) in first.Where(f => !File.ReadAllText(f.Key).Contains("\"events\"", StringComparison.Ordinal)))
            Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.All(upstream.Authorizations, a => Assert.Equal($"Bearer {RecordingRig.UpstreamKey}", a));
        _rig.AssertNoSecretInAnyCassette();
    }

    [Fact]
    public async Task RecordMissing_RecordsWhatIsMissingAndReplaysTheRest()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = _rig.Front(upstream.BaseUrl, "record-missing", Relay);
        var client = RecordingRig.Client(app);

        var first = await StreamAsync(client, Ask("One.", stream: true));
        var again = await StreamAsync(client, Ask("One.", stream: true));
        Assert.Equal(1, upstream.Calls);
        await RecordingRig.PostAsync(client, Path, Ask("One."));

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(2, upstream.Calls);
        Assert.Equal(2, _rig.CassetteFiles().Length);
    }

    [Fact]
    public async Task Replay_TranslatedToChat_RecordedAsTheChatRequestItBecomes()
    {
        Uri address;
        string recordedText;
        string recordedStream;
        await using (var upstream = await FakeUpstream.StartAsync())
        {
            address = upstream.BaseUrl;
            await using var recording = _rig.Front(address, "record");
            var client = RecordingRig.Client(recording);
            recordedText = OutputText((await RecordingRig.PostAsync(client, Path, Ask())).Body);
            recordedStream = Deltas((await StreamAsync(client, Ask("Stream it.", stream: true))).Text);
        }
        Assert.Equal("Recorded café answer.", recordedText);
        Assert.Equal("Streamed answer.", recordedStream);
        Assert.All(_rig.CassetteFiles(), f => Assert.Equal(System.IO.Path.Combine(_rig.Directory, "chat-completions"), System.IO.Path.GetDirectoryName(f)));
        Assert.Equal(2, _rig.CassetteFiles().Length);

        await using var replaying = _rig.Front(address, "replay");
        var replayClient = RecordingRig.Client(replaying);
        var replayed = await RecordingRig.PostAsync(replayClient, Path, Ask());
        var replayedStream = await StreamAsync(replayClient, Ask("Stream it.", stream: true));

        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Equal(recordedText, OutputText(replayed.Body));
        Assert.Equal(recordedStream, Deltas(replayedStream.Text));
    }

    static string OutputText(string response) =>
        string.Concat(JsonNode.Parse(response)!["output"]!.AsArray()
            .SelectMany(item => item!["content"]?.AsArray() ?? [])
            .Select(part => part!["text"]?.GetValue<string>()));

    static string Deltas(string stream) =>
        string.Concat(stream.Split('\n')
            .Where(line => line.StartsWith("data: ", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line["data: ".Length..])!)
            .Where(data => data["type"]?.GetValue<string>() == "response.output_text.delta")
            .Select(data => data["delta"]!.GetValue<string>()));

    public void Dispose() => _rig.Dispose();
}
