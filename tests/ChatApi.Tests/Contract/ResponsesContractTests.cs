using System.Net;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Contract;

/// <summary>Every Responses answer and stream event, checked against OpenAI's own schemas.</summary>
public sealed class ResponsesContractTests
{
    [Fact]
    public async Task Spec_BrokenResponseAndEvent_AreRejected()
    {
        var spec = await OpenAISpec.GetAsync();
        var noOutput = """{"id":"resp_1","object":"response","created_at":1,"status":"completed","error":null,"incomplete_details":null,"instructions":null,"model":"gpt-4o","tools":[],"parallel_tool_calls":true,"metadata":{},"tool_choice":"auto","temperature":1,"top_p":1}""";
        var deltaWithoutNumber = """{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"x","logprobs":[]}""";

        Assert.NotEmpty(spec.Schema("Response").Validate(noOutput));
        Assert.NotEmpty(spec.Schema("ResponseStreamEvent").Validate(deltaWithoutNumber));
        Assert.Empty(spec.Schema("ResponseStreamEvent").Validate(deltaWithoutNumber.Replace("\"logprobs\":[]", "\"logprobs\":[],\"sequence_number\":3")));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Create_EachKindOfAnswer_MatchesResponse(string kind)
    {
        var spec = await OpenAISpec.GetAsync();
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var json = await SendAsync(client, HttpMethod.Post, "/v1/responses", HttpStatusCode.OK, Request(kind));

        spec.AssertValid("Response", json);
        Assert.Null(JsonNode.Parse(json)!["output_text"]); // an SDK-side convenience, not on the wire
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Stream_EveryEvent_MatchesResponseStreamEvent(string kind)
    {
        var spec = await OpenAISpec.GetAsync();
        await using var app = new ChatApiFactory();

        var stream = await ResponseEvents.PostAsync(app.CreateClient(), Request(kind));

        Assert.Equal(HttpStatusCode.OK, stream.Status);
        foreach (var (_, data) in stream.Raw)
            spec.AssertValid("ResponseStreamEvent", data);
        spec.AssertValid("Response", stream.Last.GetProperty("response").GetRawText());
    }

    [Fact]
    public async Task StoredResponse_GetInputItemsAndTokenCount_MatchTheirSchemas()
    {
        var spec = await OpenAISpec.GetAsync();
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var body = ChatApi.Tests.Infrastructure.Requests.Response();
        body["input"] = new JsonArray(
            new JsonObject { ["role"] = "user", ["content"] = "What is the weather in Paris?" },
            new JsonObject { ["type"] = "function_call", ["call_id"] = "call_1", ["name"] = "get_weather", ["arguments"] = """{"city":"Paris"}""" },
            new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_1", ["output"] = "21 degrees" });
        var id = JsonNode.Parse(await SendAsync(client, HttpMethod.Post, "/v1/responses", HttpStatusCode.OK, body))!["id"]!.GetValue<string>();

        spec.AssertValid("Response", await SendAsync(client, HttpMethod.Get, $"/v1/responses/{id}", HttpStatusCode.OK));
        spec.AssertValid("ResponseItemList", await SendAsync(client, HttpMethod.Get, $"/v1/responses/{id}/input_items", HttpStatusCode.OK));
        spec.AssertValid("ResponseItemList", await SendAsync(client, HttpMethod.Get, $"/v1/responses/{id}/input_items?limit=1&order=asc", HttpStatusCode.OK));
        spec.AssertValid("TokenCountsResource", await SendAsync(client, HttpMethod.Post, "/v1/responses/input_tokens", HttpStatusCode.OK, body));
    }

    [Fact]
    public async Task Errors_MatchErrorResponse()
    {
        var spec = await OpenAISpec.GetAsync();
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        spec.AssertValid("ErrorResponse", await SendAsync(client, HttpMethod.Get, "/v1/responses/resp_missing", HttpStatusCode.NotFound));
        spec.AssertValid("ErrorResponse", await SendAsync(client, HttpMethod.Delete, "/v1/responses/resp_missing", HttpStatusCode.NotFound));
        spec.AssertValid("ErrorResponse", await SendAsync(client, HttpMethod.Post, "/v1/responses", HttpStatusCode.BadRequest, new JsonObject { ["input"] = "hi" }));
    }

    public static TheoryData<string> Requests => ["text", "tool_call", "json_schema", "incomplete", "logprobs"];

    static JsonObject Request(string kind)
    {
        var body = ChatApi.Tests.Infrastructure.Requests.Response("What is the weather in Paris?");
        body["instructions"] = "Be brief.";
        body["metadata"] = new JsonObject { ["team"] = "red" };
        switch (kind)
        {
            case "tool_call":
                body["tools"] = new JsonArray(ChatApi.Tests.Infrastructure.Requests.ResponseFunctionTool());
                break;
            case "json_schema":
                body["text"] = JsonNode.Parse("""{"format":{"type":"json_schema","name":"weather","strict":true,"schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}""");
                break;
            case "incomplete":
                body["max_output_tokens"] = 16;
                break;
            case "logprobs":
                body["top_logprobs"] = 2;
                break;
        }
        return body;
    }

    static async Task<string> SendAsync(HttpClient client, HttpMethod method, string path, HttpStatusCode expected, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{method} {path} → {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return text;
    }
}
