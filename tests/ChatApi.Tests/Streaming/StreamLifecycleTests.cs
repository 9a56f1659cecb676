using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Streaming;

public sealed class StreamLifecycleTests
{
    [Fact]
    public async Task Stream_StoreTrue_StoresTheAssembledCompletion()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var stream = await SseStream.PostAsync(client, Requests.Chat("Hello!").With("store", true));

        var id = stream.Chunks[0].GetProperty("id").GetString();
        var stored = await client.GetJsonAsync($"/v1/chat/completions/{id}");
        var choice = Assert.Single(stored.GetProperty("choices").EnumerateArray());
        Assert.Equal(stream.Content(), choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.True(stored.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Stream_StoreTrueWithToolCall_StoresTheAssembledToolCall()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var tool = Requests.FunctionTool("get_time", """{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}""");

        var stream = await SseStream.PostAsync(client, Requests.Chat("What time is it?").With("store", true).With("tools", new JsonArray(tool)));

        var opening = stream.ChoiceDeltas(0)[0].GetProperty("delta").GetProperty("tool_calls")[0];
        var stored = await client.GetJsonAsync($"/v1/chat/completions/{stream.Chunks[0].GetProperty("id").GetString()}");
        var choice = stored.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, choice.GetProperty("message").GetProperty("content").ValueKind);
        var call = Assert.Single(choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(opening.GetProperty("id").GetString(), call.GetProperty("id").GetString());
        Assert.Equal("get_time", call.GetProperty("function").GetProperty("name").GetString());
        Assert.StartsWith("{\"zone\":", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task Stream_ClientDisconnectsMidStream_StopsGenerationAndStoresNothing()
    {
        // At 200 tokens/s the whole reply would be done (and stored) well within the second we wait below.
        await using var app = new ChatApiFactory(new() { ["Deterministic:TokensPerSecond"] = "200" });
        var baseAddress = app.StartOnLoopback();
        var ct = TestContext.Current.CancellationToken;
        var body = Requests.Chat("Write 60 tokens about maple trees.").With("store", true).With("stream", true);

        // No draining: closing the response closes the connection, as a client that goes away does.
        using (var leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = baseAddress })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
            using var streamed = await leaving.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var reader = new StreamReader(await streamed.Content.ReadAsStreamAsync(ct));
            for (var events = 0; events < 3;)
            {
                if ((await reader.ReadLineAsync(ct))!.StartsWith("data: ", StringComparison.Ordinal))
                    events++;
            }
        }

        using var client = new HttpClient { BaseAddress = baseAddress };
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var list = await client.GetFromJsonAsync<JsonObject>("/v1/chat/completions", ct);
        Assert.Empty(list!["data"]!.AsArray());
    }

    [Fact]
    public async Task Stream_Paced_WaitsTimeToFirstTokenThenKeepsTheRate()
    {
        await using var app = new ChatApiFactory(new()
        {
            ["Deterministic:TimeToFirstTokenMs"] = "300",
            ["Deterministic:TokensPerSecond"] = "100",
        });
        var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var body = Requests.Chat("Write 40 tokens about lanterns.").With("stream", true).With("max_completion_tokens", 40);
        // A first request pays for start-up and JIT, which would make its first event late and the rest catch up.
        using (var warmUp = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat("Warm up").With("stream", true).With("max_completion_tokens", 1), ct))
            await warmUp.Content.ReadAsStringAsync(ct);

        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var firstEvent = TimeSpan.Zero;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (firstEvent == TimeSpan.Zero && line.StartsWith("data: ", StringComparison.Ordinal))
                firstEvent = clock.Elapsed;
        }
        var total = clock.Elapsed;

        Assert.True(firstEvent >= TimeSpan.FromMilliseconds(290), $"first event after {firstEvent.TotalMilliseconds} ms");
        // 40 tokens at 100/s: the 40th is due 390 ms after the first, on a schedule that starts with the request
        // (a late first event is caught up), and the tokens arrive spread over that time, not in one burst.
        Assert.True(total >= TimeSpan.FromMilliseconds(680), $"stream ended after {total.TotalMilliseconds} ms");
        Assert.True(total - firstEvent >= TimeSpan.FromMilliseconds(300), $"tokens took {(total - firstEvent).TotalMilliseconds} ms after the first event at {firstEvent.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Create_Paced_NonStreamedAnswerTakesTheWholeReplyTime()
    {
        await using var app = new ChatApiFactory(new() { ["Deterministic:TimeToFirstTokenMs"] = "250" });
        var client = app.CreateClient();

        var clock = Stopwatch.StartNew();
        await client.CompleteAsync(Requests.Chat("Hello!"));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(240), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
    }
}
