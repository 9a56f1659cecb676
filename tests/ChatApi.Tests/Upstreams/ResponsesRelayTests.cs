using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Upstreams;

/// <summary>An upstream that speaks the Responses API itself (<c>Responses = relay</c>): forwarded and answered as received.</summary>
public sealed class ResponsesRelayTests
{
    // A vendor's response with a field OpenAI's schema lacks and spacing ChatApi would not write.
    const string UpstreamResponse = """
        {"id":"resp_upstream123", "object":"response","created_at":1764650000,"status":"completed","model":"real-model",
         "output":[{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi there","annotations":[]}]}],
         "usage":{"input_tokens":3,"output_tokens":2,"total_tokens":5},"vendor_extra":{"kept":true}}
        """;

    static Dictionary<string, string?> Relay(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Backends:Upstreams:a:Responses"] = "relay", ["Backends:Aliases:vendor-fast"] = "real-model" };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return settings;
    }

    static JsonObject Request(bool stream = false)
    {
        var request = JsonNode.Parse("""
            {"model":"vendor-fast","input":[{"role":"user","content":[{"type":"input_text","text":"Hi"}]}],"instructions":"Be brief.",
             "store":true,"metadata":{"k":"v"},"stream":false,"reasoning":{"effort":"low"},"vendor_option":{"top_k":5}}
            """)!.AsObject();
        request["stream"] = stream;
        return request;
    }

    [Fact]
    public async Task Create_RelayUpstream_ForwardsTheBodyWithOnlyTheModelChanged_AndReturnsItsBytes()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(UpstreamResponse, headers: [("x-request-id", "req_up_1")]));
        await using var front = RelayFixture.Front(upstream, Relay());
        var client = front.CreateClient();
        var sent = Request();

        using var answer = await client.PostAsync("/v1/responses", Json(sent), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(UpstreamResponse, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var received = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/responses", received.Path);
        var expected = sent.DeepClone().AsObject();
        expected["model"] = "real-model";
        Assert.True(JsonNode.DeepEquals(expected, received.Body), received.Body.ToJsonString());

        // Stored as received: get answers the upstream's response, whatever fields it carried.
        var stored = await client.GetJsonAsync("/v1/responses/resp_upstream123");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(UpstreamResponse), JsonNode.Parse(stored.GetRawText())), stored.GetRawText());
        var items = await client.GetJsonAsync("/v1/responses/resp_upstream123/input_items");
        Assert.Equal("Hi", items.GetProperty("data")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Stream_RelayUpstream_EventByEventWithItsEventLines_AndStoresTheCompletedResponse()
    {
        var events = new StringBuilder();
        var data = new[]
        {
            ("response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"resp_s1","object":"response","status":"in_progress","output":[]}}"""),
            ("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","vendor":1}"""),
            ("response.completed", $$"""{"type":"response.completed","sequence_number":2,"response":{{UpstreamResponse.ReplaceLineEndings(" ").Replace("resp_upstream123", "resp_s1")}}}"""),
        };
        foreach (var (type, json) in data)
            events.Append($"event: {type}\ndata: {json}\n\n");
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(events.ToString(), contentType: "text/event-stream"));
        await using var front = RelayFixture.Front(upstream, Relay());
        var client = front.CreateClient();

        using var answer = await client.PostAsync("/v1/responses", Json(Request(stream: true)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(events.ToString(), await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(Assert.Single(upstream.Requests).Body["stream"]!.GetValue<bool>());
        var stored = await client.GetJsonAsync("/v1/responses/resp_s1");
        Assert.Equal("Hi there", stored.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(stored.GetProperty("vendor_extra").GetProperty("kept").GetBoolean());
    }

    [Fact]
    public async Task Create_RelayUpstreamRefuses_ItsStatusBodyAndHeadersReachTheClient()
    {
        const string error = """{"error":{"message":"Rate limit reached for real-model.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(error, 429, headers: [("retry-after", "7"), ("x-ratelimit-remaining-requests", "0")]));
        await using var front = RelayFixture.Front(upstream, Relay());

        using var answer = await front.CreateClient().PostAsync("/v1/responses", Json(Request()), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode)429, answer.StatusCode);
        Assert.Equal(error, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("7", answer.Headers.GetValues("retry-after").Single());
        Assert.Equal("0", answer.Headers.GetValues("x-ratelimit-remaining-requests").Single());
    }

    [Fact]
    public async Task Create_TranslateIsTheDefault_TheUpstreamGetsAChatCompletion()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.LlamaCppCompletion));
        await using var front = RelayFixture.Front(upstream);

        var (status, _) = await front.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/responses", Request());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/v1/chat/completions", Assert.Single(upstream.Requests).Path);
    }

    [Fact]
    public async Task StartUp_UnknownResponsesMode_IsRefusedNamingTheSetting()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(UpstreamResponse));
        await using var front = RelayFixture.Front(upstream, new() { ["Backends:Upstreams:a:Responses"] = "passthrough" });

        var failure = Assert.ThrowsAny<Exception>(() => front.CreateClient());

        Assert.Contains("Backends:Upstreams:a:Responses", failure.ToString());
    }

    [Fact]
    public async Task PreviousResponseId_AnotherProjectsRelayedResponse_AnswersAsAnUnknownId_AndIsNotForwarded()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(UpstreamResponse));
        await using var front = RelayFixture.Front(upstream, Relay(Auth.TeamKeys.Settings()));
        var red = Auth.TeamKeys.ClientWithKey(front, Auth.TeamKeys.Red);
        var blue = Auth.TeamKeys.ClientWithKey(front, Auth.TeamKeys.Blue);
        Assert.Equal(HttpStatusCode.OK, (await red.SendJsonAsync(HttpMethod.Post, "/v1/responses", Request())).Status);

        var (status, answer) = await blue.SendJsonAsync(HttpMethod.Post, "/v1/responses", Request().With("previous_response_id", "resp_upstream123"));
        var (unknownStatus, unknown) = await blue.SendJsonAsync(HttpMethod.Post, "/v1/responses", Request().With("previous_response_id", "resp_unknown000"));
        var (ownStatus, _) = await red.SendJsonAsync(HttpMethod.Post, "/v1/responses", Request().With("previous_response_id", "resp_upstream123").With("store", false));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(unknownStatus, status);
        Assert.Equal(unknown.GetRawText().Replace("resp_unknown000", "resp_upstream123"), answer.GetRawText());
        Assert.Equal(HttpStatusCode.OK, ownStatus);
        Assert.Equal(2, upstream.Requests.Count); // red's two; neither of blue's went out
        Assert.Equal(HttpStatusCode.NotFound, (await blue.SendJsonAsync(HttpMethod.Get, "/v1/responses/resp_upstream123")).Status);
    }

    static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
