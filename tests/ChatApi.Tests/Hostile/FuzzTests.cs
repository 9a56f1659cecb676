using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CsCheck;

namespace ChatApi.Tests.Hostile;

/// <summary>
/// Thousands of random and mutated requests over real HTTP: none gives a 5xx, every 4xx has OpenAI's error shape, the server
/// answers a valid request correctly afterwards and rejected requests leave stored data as it was.
/// </summary>
public sealed class FuzzTests
{
    const int Requests = 10_000;
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task RandomAndMutatedRequests_NeverFailTheServer()
    {
        await using var app = new ChatApiFactory();
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback(), Timeout = TimeSpan.FromSeconds(30) };
        var before = await client.CreateStoredAsync(content: "kept as it was");
        var beforeId = before.GetProperty("id").GetString()!;
        var beforeStored = await GetTextAsync(client, $"/v1/chat/completions/{beforeId}");

        var statuses = new ConcurrentDictionary<int, int>();
        var storedByFuzz = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        var sent = 0;

        await HostileRequests.Any.SampleAsync(async request =>
        {
            if (clock.Elapsed > Budget)
                return;
            Interlocked.Increment(ref sent);
            var (status, body) = await SendAsync(client, request);
            statuses.AddOrUpdate((int)status, 1, (_, n) => n + 1);
            Assert.True((int)status < 500, $"{(int)status} {body}");
            if ((int)status >= 400)
                AssertOpenAIError(body, status);
            else if (StoredId(request, body) is { } id)
                storedByFuzz.Add(id);
        }, iter: Requests, threads: 2, print: r => r.ToString());

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"fuzz: {sent} requests in {clock.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(sent >= 1_000, $"only {sent} requests were sent in {Budget}");

        var answer = await client.CompleteAsync(Infrastructure.Requests.Chat("Still there?"));
        Assert.Equal("chat.completion", answer.GetProperty("object").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));

        Assert.Equal(beforeStored, await GetTextAsync(client, $"/v1/chat/completions/{beforeId}"));
        Assert.Equal(storedByFuzz.Order(), (await ListStoredIdsAsync(client)).Where(i => i != beforeId).Order());
    }

    static async Task<(HttpStatusCode, string)> SendAsync(HttpClient client, HostileRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new ByteArrayContent(request.Body) };
        message.Content.Headers.Remove("Content-Type");
        if (request.ContentType.Length > 0)
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            Assert.True(text.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal), $"stream cut: {request}");
        return (response.StatusCode, text);
    }

    /// <summary>The id of a completion the request stored: accepted with top-level <c>store: true</c>.</summary>
    static string? StoredId(HostileRequest request, string body)
    {
        using var sent = JsonDocument.Parse(request.Body);
        if (!sent.RootElement.TryGetProperty("store", out var store) || store.ValueKind != JsonValueKind.True)
            return null;
        var first = body.StartsWith("data: ", StringComparison.Ordinal) ? body[6..body.IndexOf('\n')] : body;
        return JsonDocument.Parse(first).RootElement.GetProperty("id").GetString();
    }

    static void AssertOpenAIError(string body, HttpStatusCode status)
    {
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.True(error.GetProperty("message").ValueKind == JsonValueKind.String, body);
        Assert.True(error.GetProperty("type").ValueKind == JsonValueKind.String, body);
        Assert.True(error.GetProperty("param").ValueKind is JsonValueKind.String or JsonValueKind.Null, body);
        Assert.True(error.GetProperty("code").ValueKind is JsonValueKind.String or JsonValueKind.Null, body);
        Assert.True(error.GetProperty("message").GetString()!.Length <= 1_000, $"{(int)status}: message of {error.GetProperty("message").GetString()!.Length} chars");
    }

    static async Task<string> GetTextAsync(HttpClient client, string path) =>
        await client.GetStringAsync(path, TestContext.Current.CancellationToken);

    static async Task<List<string>> ListStoredIdsAsync(HttpClient client)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = await client.GetJsonAsync($"/v1/chat/completions?limit=100{(after is null ? "" : $"&after={after}")}");
            ids.AddRange(page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            after = page.GetProperty("has_more").GetBoolean() ? page.GetProperty("last_id").GetString() : null;
        } while (after is not null);
        return ids;
    }
}
