using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Infrastructure;

/// <summary>
/// A streamed response as a client reads it: the raw <c>data:</c> payloads in order, chunks parsed, and whether the
/// body ended cleanly (<see cref="Completed"/> is false when the server cut the connection).
/// </summary>
public sealed record SseStream(HttpStatusCode Status, string? ContentType, IReadOnlyList<string> Events, bool Completed = true)
{
    /// <summary>Every event but the closing <c>[DONE]</c>, parsed.</summary>
    public IReadOnlyList<JsonElement> Chunks =>
        [.. Events.Where(e => e != "[DONE]").Select(e => JsonDocument.Parse(e).RootElement.Clone())];

    /// <summary>The chunks that carry a choice with this index.</summary>
    public IReadOnlyList<JsonElement> ChoiceDeltas(int index) =>
        [.. Chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray()).Where(c => c.GetProperty("index").GetInt32() == index)];

    /// <summary>The content deltas of one choice, joined.</summary>
    public string Content(int index = 0) =>
        string.Concat(ChoiceDeltas(index).Select(c => c.GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : ""));

    public static async Task<SseStream> PostAsync(HttpClient client, JsonObject body)
    {
        var ct = TestContext.Current.CancellationToken;
        body["stream"] = true;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var events = new List<string>();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            return new SseStream(response.StatusCode, response.Content.Headers.ContentType?.MediaType, events);
        var completed = true;
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    events.Add(line["data: ".Length..]);
                else
                    Assert.True(line.Length == 0, $"Unexpected SSE line: {line}");
            }
        }
        catch (IOException)
        {
            completed = false;
        }
        return new SseStream(response.StatusCode, response.Content.Headers.ContentType?.MediaType, events, completed);
    }
}
