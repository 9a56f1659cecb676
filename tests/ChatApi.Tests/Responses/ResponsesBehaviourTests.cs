using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Responses;

/// <summary>Validation in OpenAI's wording, and conversation state kept across <c>previous_response_id</c> in both stores.</summary>
public sealed class ResponsesBehaviourTests
{
    [Theory]
    [InlineData("""{"input":"hi"}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o"}""", "input", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","input":"hi","temperature":3}""", "temperature", "decimal_above_max_value")]
    [InlineData("""{"model":"gpt-4o","input":"hi","max_output_tokens":5}""", "max_output_tokens", "integer_below_min_value")]
    [InlineData("""{"model":"gpt-4o","input":[{"role":"wizard","content":"hi"}]}""", "input[0].role", "invalid_value")]
    [InlineData("""{"model":"gpt-4o","input":[{"role":"user","content":[{"type":"input_text"}]}]}""", "input[0].content[0].text", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","input":[{"type":"function_call_output","output":"x"}]}""", "input[0].call_id", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","input":"hi","tools":[{"type":"function"}]}""", "tools[0].name", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","input":"hi","tool_choice":"required"}""", "tool_choice", null)]
    [InlineData("""{"model":"gpt-4o","input":"hi","text":{"format":{"type":"json_schema","schema":{}}}}""", "text.format.name", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","input":"hi","temperature":"hot"}""", "temperature", "invalid_type")]
    [InlineData("""{"model":"gpt-4o","input":"hi","previous_response_id":"resp_nope"}""", "previous_response_id", "previous_response_not_found")]
    public async Task Create_BadRequest_Is400NamingTheParam(string body, string param, string? code)
    {
        await using var app = new ChatApiFactory();

        var (status, json) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/responses", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = json.GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_MaxOutputTokensReached_IsIncompleteWithTheReason()
    {
        await using var app = new ChatApiFactory();

        var response = await app.CreateClient().PostJsonAsync("/v1/responses", Requests.Response("Tell me a long story.").With("max_output_tokens", 16));

        Assert.Equal("incomplete", response.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", response.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal(16, response.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("completed_at").ValueKind);
    }

    [Fact]
    public async Task Create_SameRequestTwice_GivesTheSameTextAsChatCompletions()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/v1/responses", Requests.Response("Explain caching.").With("instructions", "Be brief."));
        var chat = await client.CompleteAsync(new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = JsonNode.Parse("""[{"role":"system","content":"Be brief."},{"role":"user","content":"Explain caching."}]"""),
        });

        Assert.Equal(
            chat.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            response.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task PreviousResponseId_Chain_CarriesEveryTurnButNotTheInstructions(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(storage.Settings);
        var client = app.CreateClient();

        string? previous = null;
        for (var turn = 0; turn < 5; turn++)
        {
            var body = Requests.Response($"Turn {turn}").With("instructions", $"Rule {turn}").With("previous_response_id", previous);
            previous = (await client.PostJsonAsync("/v1/responses", body)).GetProperty("id").GetString();
        }
        var count = await client.PostJsonAsync("/v1/responses/input_tokens", Requests.Response("Last").With("previous_response_id", previous));
        var alone = await client.PostJsonAsync("/v1/responses/input_tokens", Requests.Response("Last"));
        var stored = await client.GetJsonAsync($"/v1/responses/{previous}");
        var items = await client.GetJsonAsync($"/v1/responses/{previous}/input_items");

        // Five user turns and five answers come before "Last"; only this request's instructions would count.
        Assert.True(count.GetProperty("input_tokens").GetInt32() > alone.GetProperty("input_tokens").GetInt32() + 5 * 20);
        Assert.Equal("Rule 4", stored.GetProperty("instructions").GetString());
        Assert.Equal("Turn 4", items.GetProperty("data")[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(1, items.GetProperty("data").GetArrayLength()); // a response lists only its own input

        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Delete, $"/v1/responses/{previous}")).Status);
        var (status, error) = await client.SendJsonAsync(HttpMethod.Post, "/v1/responses", Requests.Response("More").With("previous_response_id", previous));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("previous_response_not_found", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stream_Stored_IsRetrievableOnceCompletedArrives()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var stream = await ResponseEvents.PostAsync(client, Requests.Response("Stream and keep."));
        var final = stream.Last.GetProperty("response");
        var stored = await client.GetJsonAsync($"/v1/responses/{final.GetProperty("id").GetString()}");

        Assert.Equal(final.GetRawText(), stored.GetRawText());
        Assert.Equal(stream.TextDeltas, stored.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(Enumerable.Range(0, stream.Events.Count), stream.Events.Select(e => e.GetProperty("sequence_number").GetInt32()));
    }

    [Fact]
    public async Task InputItems_Paged_FollowsTheCursor()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var input = new JsonArray([.. Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonObject { ["role"] = "user", ["content"] = $"m{i}" })]);
        var id = (await client.PostJsonAsync("/v1/responses", new JsonObject { ["model"] = "gpt-4o", ["input"] = input })).GetProperty("id").GetString();

        var first = await client.GetJsonAsync($"/v1/responses/{id}/input_items?limit=2&order=asc");
        var second = await client.GetJsonAsync($"/v1/responses/{id}/input_items?limit=2&order=asc&after={first.GetProperty("last_id").GetString()}");
        var (status, _) = await client.SendJsonAsync(HttpMethod.Get, $"/v1/responses/{id}/input_items?after=msg_unknown");

        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal(["m0", "m1", "m2", "m3"], [.. first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(i => i.GetProperty("content")[0].GetProperty("text").GetString()!)]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
