using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Auth;

/// <summary>Stored responses belong to the creating key's project, exactly as stored completions do.</summary>
public sealed class ResponseProjectIsolationTests
{
    const string UnknownId = "resp_00000000000000000000000000000000000000000000000000";

    public static TheoryData<string> Providers => TestStorage.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OtherProjectsResponse_EveryOperation_AnswersAsAnUnknownIdDoes(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(TeamKeys.Settings(storage.Settings));
        var red = app.ClientWithKey(TeamKeys.Red);
        var blue = app.ClientWithKey(TeamKeys.Blue);
        var redId = Id(await red.PostJsonAsync("/v1/responses", Create("Remember: red.")));

        foreach (var (method, path, body) in Operations)
        {
            var (status, answer) = await blue.SendJsonAsync(method, string.Format(path, redId), Body(body, redId));
            var (unknownStatus, unknownAnswer) = await blue.SendJsonAsync(method, string.Format(path, UnknownId), Body(body, UnknownId));

            Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{method} {path}: {(int)status} {answer}");
            Assert.Equal(unknownStatus, status);
            Assert.Equal(unknownAnswer.GetRawText().Replace(UnknownId, redId), answer.GetRawText());
        }

        // Blue's delete removed nothing; red still continues from its own response.
        Assert.Equal(redId, Id(await red.GetJsonAsync($"/v1/responses/{redId}")));
        var next = await red.PostJsonAsync("/v1/responses", Create("And now?", previous: redId));
        Assert.Equal("completed", next.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StreamedAndPlainResponses_AreStoredInTheCreatorsProject_AdminSeesBoth(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(TeamKeys.Settings(storage.Settings));
        var red = app.ClientWithKey(TeamKeys.Red);
        var blue = app.ClientWithKey(TeamKeys.Blue);
        var admin = app.ClientWithKey(TeamKeys.Admin);
        var redId = Id(await red.PostJsonAsync("/v1/responses", Create("red")));
        var blueId = await StreamedIdAsync(blue, Create("blue", stream: true));

        Assert.Equal(HttpStatusCode.OK, (await blue.SendJsonAsync(HttpMethod.Get, $"/v1/responses/{blueId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await red.SendJsonAsync(HttpMethod.Get, $"/v1/responses/{blueId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await blue.SendJsonAsync(HttpMethod.Get, $"/v1/responses/{redId}")).Status);

        foreach (var id in new[] { redId, blueId })
        {
            Assert.Equal(id, Id(await admin.GetJsonAsync($"/v1/responses/{id}")));
            Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Get, $"/v1/responses/{id}/input_items")).Status);
            Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Post, "/v1/responses", Create("go on", previous: id, store: false))).Status);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Delete, $"/v1/responses/{blueId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await blue.SendJsonAsync(HttpMethod.Get, $"/v1/responses/{blueId}")).Status);
    }

    // {0} in a path is the response id; a body's previous_response_id is filled in by Body().
    static readonly (HttpMethod Method, string Path, JsonObject? Body)[] Operations =
    [
        (HttpMethod.Get, "/v1/responses/{0}", null),
        (HttpMethod.Get, "/v1/responses/{0}/input_items", null),
        (HttpMethod.Delete, "/v1/responses/{0}", null),
        (HttpMethod.Post, "/v1/responses", Create("continue")),
        (HttpMethod.Post, "/v1/responses", Create("continue", stream: true)),
        (HttpMethod.Post, "/v1/responses/input_tokens", Create("continue")),
    ];

    static JsonObject? Body(JsonObject? template, string id)
    {
        if (template?.DeepClone() is not JsonObject body)
            return null;
        body["previous_response_id"] = id;
        return body;
    }

    static JsonObject Create(string input, string? previous = null, bool stream = false, bool store = true) => new()
    {
        ["model"] = "gpt-4o",
        ["input"] = input,
        ["store"] = store,
        ["stream"] = stream,
        ["previous_response_id"] = previous,
    };

    static async Task<string> StreamedIdAsync(HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsync("/v1/responses",
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var completed = text.Split('\n').Where(l => l.StartsWith("data: ")).Select(l => JsonDocument.Parse(l[6..]).RootElement)
            .Single(e => e.GetProperty("type").GetString() == "response.completed");
        return Id(completed.GetProperty("response"));
    }

    static string Id(JsonElement response) => response.GetProperty("id").GetString()!;
}
