using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Infrastructure;

/// <summary>Requests as a client sends them and JSON as a client reads it.</summary>
public static class HttpClientJson
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        var (status, body) = await client.SendJsonAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path} → {(int)status}: {body}");
        return body;
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object body)
    {
        var (status, json) = await client.SendJsonAsync(HttpMethod.Post, path, body);
        Assert.True(status == HttpStatusCode.OK, $"POST {path} → {(int)status}: {json}");
        return json;
    }

    /// <summary>Sends <paramref name="body"/> (an object, a <see cref="JsonNode"/>, or raw JSON text) and returns the status and JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType());
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    /// <summary>Creates a stored completion and returns the response.</summary>
    public static Task<JsonElement> CreateStoredAsync(this HttpClient client, Dictionary<string, string>? metadata = null, string model = "gpt-4o", string content = "Hello!") =>
        client.PostJsonAsync("/v1/chat/completions", new JsonObject
        {
            ["model"] = model,
            ["store"] = true,
            ["metadata"] = metadata is null ? null : JsonSerializer.SerializeToNode(metadata),
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
        });

    public static Task<JsonElement> CompleteAsync(this HttpClient client, object body) =>
        client.PostJsonAsync("/v1/chat/completions", body);
}
