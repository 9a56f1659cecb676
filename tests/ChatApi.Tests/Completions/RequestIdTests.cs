using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatApi.Tests.Completions;

/// <summary>OpenAI's <c>x-request-id</c>: on every response, and kept by a stored completion as <c>request_id</c>.</summary>
public sealed class RequestIdTests
{
    const string RequestIdPattern = "^req_[0-9a-f]{32}$";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_Stored_HeaderIsTheStoredRequestId()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat().With("store", true), Ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var requestId = RequestId(response);
        Assert.Matches(RequestIdPattern, requestId);
        var stored = await client.GetJsonAsync($"/v1/chat/completions/{created.GetProperty("id").GetString()}");
        Assert.Equal(requestId, stored.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task Create_StoredStream_HeaderIsTheStoredRequestId()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat().With("store", true).With("stream", true), Ct);
        var firstEvent = (await response.Content.ReadAsStringAsync(Ct)).Split('\n')[0];
        var completionId = JsonDocument.Parse(firstEvent["data: ".Length..]).RootElement.GetProperty("id").GetString();

        var stored = await client.GetJsonAsync($"/v1/chat/completions/{completionId}");
        Assert.Equal(RequestId(response), stored.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task EveryResponse_HasItsOwnRequestId()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        using var ok = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat(), Ct);
        using var again = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat(), Ct);
        using var invalid = await client.PostAsJsonAsync("/v1/chat/completions", Requests.Chat().With("temperature", 5), Ct);
        using var unparsable = await client.PostAsync("/v1/chat/completions", new StringContent("{", System.Text.Encoding.UTF8, "application/json"), Ct);
        using var notFound = await client.GetAsync("/v1/chat/completions/chatcmpl-missing", Ct);
        using var unknownRoute = await client.GetAsync("/v1/nowhere", Ct);

        HttpResponseMessage[] responses = [ok, again, invalid, unparsable, notFound, unknownRoute];
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            responses.Select(r => r.StatusCode));
        var ids = responses.Select(RequestId).ToList();
        Assert.All(ids, id => Assert.Matches(RequestIdPattern, id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    static string RequestId(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("x-request-id"));
}
