using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Hostile;

/// <summary>
/// Small requests that used to occupy the server for minutes or make responses of hundreds of megabytes: each finishes in
/// bounded time and memory. The bounds are generous (2 shared cores) but far below what the unbounded code took.
/// </summary>
public sealed class BoundedWorkTests
{
    static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    static void Report(string figure) => TestContext.Current.TestOutputHelper?.WriteLine(figure);

    static string Prompt(string content, string extra = "") =>
        $$"""{"model":"gpt-4o","messages":[{"role":"user","content":{{JsonSerializer.Serialize(content)}}}]{{extra}}}""";

    static async Task<(HttpStatusCode Status, long Bytes, JsonElement Body, TimeSpan Took)> PostAsync(HttpClient client, string body)
    {
        var clock = Stopwatch.StartNew();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/v1/chat/completions", content, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        return (response.StatusCode, bytes.Length, JsonDocument.Parse(bytes).RootElement.Clone(), clock.Elapsed);
    }

    [Fact]
    public async Task LongWord_TenMegabytes_RefusedWith413InUnderASecond()
    {
        await using var app = new ChatApiFactory();
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        await PostAsync(client, Prompt("warm up"));

        var (status, _, body, took) = await PostAsync(client, Prompt(new string('a', 10 * 1024 * 1024)));

        Report($"10 MB single word: {(int)status} in {took.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took}");
    }

    [Fact]
    public async Task LongWord_FourMegabytes_CountedLinearly()
    {
        await using var app = new ChatApiFactory();
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        await PostAsync(client, Prompt("warm up"));
        var random = new Random(9);
        var word = string.Create(4_000_000, random, (span, r) => { for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + r.Next(26)); });

        var (status, _, body, took) = await PostAsync(client, Prompt(word));

        // Quadratic BPE took about 11 minutes for 1 MB of one word; linear counting takes milliseconds per megabyte.
        Report($"4 MB single word: {(int)status} in {took.TotalMilliseconds:F0} ms, prompt_tokens {body.GetProperty("usage").GetProperty("prompt_tokens")}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), 900_000, 1_100_000);
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took}");
    }

    [Fact]
    public async Task Amplification_100000TokensWithTopLogprobs20_Bounded()
    {
        await using var app = new ChatApiFactory();
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback(), Timeout = TimeSpan.FromSeconds(120) };

        var (status, bytes, body, took) = await PostAsync(client, Prompt("write 100000 tokens", ""","logprobs":true,"top_logprobs":20"""));

        // Unbounded: 174 MB. Bounded by Limits:MaxResponseTokens (400,000 token entries): 400,000 / 21 tokens.
        Report($"100000 tokens × top_logprobs 20: {bytes / 1e6:F1} MB in {took.TotalSeconds:F1} s");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("length", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(400_000 / 21, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.True(bytes < 40_000_000, $"{bytes} bytes");
        Assert.True(took < TimeSpan.FromSeconds(90), $"took {took}");
    }

    [Fact]
    public async Task Amplification_N128WithLogprobs_Bounded()
    {
        await using var app = new ChatApiFactory();
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback(), Timeout = TimeSpan.FromSeconds(120) };

        var (status, bytes, body, took) = await PostAsync(client, Prompt("write 100000 tokens", ""","n":128,"logprobs":true,"top_logprobs":20"""));

        Report($"n 128 × 100000 tokens × top_logprobs 20: {bytes / 1e6:F1} MB in {took.TotalSeconds:F1} s");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(128, body.GetProperty("choices").GetArrayLength());
        Assert.True(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32() * 21 <= 400_000);
        Assert.True(bytes < 40_000_000, $"{bytes} bytes");
        Assert.True(took < TimeSpan.FromSeconds(90), $"took {took}");
    }

    [Fact]
    public async Task Amplification_RefNestingSchema_Bounded()
    {
        // 32 levels, each requiring two copies of the next: 2^32 objects if expanded in full.
        var defs = new JsonObject();
        for (var i = 0; i < 32; i++)
        {
            var next = i == 31 ? new JsonObject { ["type"] = "string" } : new JsonObject { ["$ref"] = $"#/$defs/d{i + 1}" };
            defs[$"d{i}"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["a"] = next.DeepClone(), ["b"] = next.DeepClone() },
                ["required"] = new JsonArray("a", "b"),
            };
        }
        var schema = new JsonObject { ["$ref"] = "#/$defs/d0", ["$defs"] = defs };
        var format = ""","response_format":{"type":"json_schema","json_schema":{"name":"deep","schema":""" + schema.ToJsonString() + "}}";
        Assert.InRange(schema.ToJsonString().Length, 2_000, 4_000);
        await using var app = new ChatApiFactory();
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback(), Timeout = TimeSpan.FromSeconds(120) };

        var (status, bytes, _, took) = await PostAsync(client, Prompt("json please", format));

        Report($"$ref nesting schema of {schema.ToJsonString().Length} B: {bytes / 1e3:F0} KB in {took.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(bytes < 2_000_000, $"{bytes} bytes");
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }

    [Fact]
    public async Task StalledStreams_TimedOutAndMemoryReleased()
    {
        const int streams = 200;
        await using var app = new ChatApiFactory(new() { ["Limits:StalledWriterSeconds"] = "2" });
        var address = app.StartOnLoopback();
        using var client = new HttpClient { BaseAddress = address };
        await PostAsync(client, Prompt("warm up"));
        var before = ManagedMemory();

        var body = Encoding.UTF8.GetBytes(Prompt("write 100000 tokens", ""","stream":true"""));
        var head = Encoding.ASCII.GetBytes($"POST /v1/chat/completions HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        var sockets = new List<Socket>();
        for (var i = 0; i < streams; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
            await socket.ConnectAsync(IPAddress.Loopback, address.Port, Ct);
            await socket.SendAsync(head, Ct);
            await socket.SendAsync(body, Ct);
            sockets.Add(socket);
        }
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var during = ManagedMemory();

        // Past the stall timeout the server gives up: reading now finds each connection closed without [DONE].
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        var ended = 0;
        foreach (var socket in sockets.Take(20))
        {
            var (closed, done) = await DrainAsync(socket);
            ended += closed && !done ? 1 : 0;
        }
        foreach (var socket in sockets)
            socket.Dispose();
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var after = ManagedMemory();

        Report($"{streams} stalled streams: managed heap {before / 1e6:F0} MB before, {during / 1e6:F0} MB while stalled, {after / 1e6:F0} MB after; " +
            $"{ended}/20 sampled connections closed by the server, {clock.Elapsed.TotalSeconds:F1} s");
        // A stream that had not yet filled its buffers when sampled flows again once read, so a few may still be running.
        Assert.True(ended >= 15, $"only {ended}/20 sampled connections were closed by the server");
        Assert.True(during - before < 200_000_000, $"while stalled: {(during - before) / 1e6:F0} MB more");
        Assert.True(after - before < 50_000_000, $"after: {(after - before) / 1e6:F0} MB more");
        var answer = await client.CompleteAsync(Infrastructure.Requests.Chat());
        Assert.Equal("chat.completion", answer.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Shutdown_UnderLoad_CompletesWithinSeconds()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChatApi"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"chatapi-shutdown-{Guid.NewGuid():N}.db")}",
            ["Deterministic:TokensPerSecond"] = "20",
        });
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var streams = Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
                {
                    Content = new StringContent(Prompt("write 100000 tokens", ""","stream":true"""), Encoding.UTF8, "application/json"),
                };
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
                await response.Content.CopyToAsync(Stream.Null, Ct);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // Cut by the shutdown, as expected.
            }
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);

        var clock = Stopwatch.StartNew();
        var exited = await server.TerminateAsync(TimeSpan.FromSeconds(15));

        Report($"SIGTERM with 50 open streams: exited in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(exited, "the server did not exit within 15 s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"shutdown took {clock.Elapsed}");
        await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    static long ManagedMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Reads what is left; whether the server closed the connection, and whether the stream had ended with [DONE].</summary>
    static async Task<(bool Closed, bool Done)> DrainAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var tail = "";
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                    return (true, tail.Contains("[DONE]", StringComparison.Ordinal));
                tail = (tail + Encoding.ASCII.GetString(buffer, 0, read))[^Math.Min(tail.Length + read, 64)..];
            }
        }
        catch (SocketException)
        {
            return (true, false);
        }
        catch (OperationCanceledException)
        {
            return (false, false);
        }
    }
}
