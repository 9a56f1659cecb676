using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Infrastructure;

/// <summary>
/// A Responses stream as a client reads it: each event's <c>event:</c> name and parsed <c>data:</c>, checking the
/// framing on the way (name line, data line, blank line; the name equal to the data's <c>type</c>; no <c>[DONE]</c>).
/// </summary>
public sealed record ResponseEvents(HttpStatusCode Status, string? ContentType, IReadOnlyList<(string Name, string Data)> Raw)
{
    public IReadOnlyList<JsonElement> Events => [.. Raw.Select(e => JsonDocument.Parse(e.Data).RootElement.Clone())];

    public IReadOnlyList<string> Types => [.. Events.Select(e => e.GetProperty("type").GetString()!)];

    public JsonElement Last => Events[^1];

    public string TextDeltas => string.Concat(Events.Where(e => e.GetProperty("type").GetString() == "response.output_text.delta").Select(e => e.GetProperty("delta").GetString()));

    public static async Task<ResponseEvents> PostAsync(HttpClient client, JsonObject body)
    {
        var ct = TestContext.Current.CancellationToken;
        body["stream"] = true;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses") { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var events = new List<(string, string)>();
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (contentType != "text/event-stream")
            return new ResponseEvents(response.StatusCode, contentType, events);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            Assert.StartsWith("event: ", line);
            var data = await reader.ReadLineAsync(ct);
            Assert.NotNull(data);
            Assert.StartsWith("data: ", data);
            Assert.Equal("", await reader.ReadLineAsync(ct));
            var name = line["event: ".Length..];
            var json = data["data: ".Length..];
            Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("type").GetString());
            events.Add((name, json));
        }
        return new ResponseEvents(response.StatusCode, contentType, events);
    }
}
