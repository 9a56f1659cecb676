using System.Net;
using System.Text.Json;

namespace ChatApi.Tests.Completions;

public sealed class BadInputTests : IClassFixture<BadInputTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public ChatApiFactory App { get; } = new();
        public ValueTask InitializeAsync() => ValueTask.CompletedTask;
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    readonly HttpClient _client;

    public BadInputTests(Server server) => _client = server.App.CreateClient();

    /// <summary>A valid request plus <paramref name="fields"/>, a fragment of JSON members.</summary>
    /// Single quotes in <paramref name="fields"/> stand for double quotes, to keep the table readable.
    static string Valid(string fields) => """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],""" + fields.Replace('\'', '"') + "}";

    public static TheoryData<string, string, string?> CreateBodies => new()
    {
        // body, why, expected param
        { "{not json", "invalid JSON", null },
        { "", "empty body", null },
        { "[]", "array body", null },
        { Valid("'temperature':'hot'"), "temperature is a string", "temperature" },
        { Valid("'n':1.5"), "n is not an integer", "n" },
        { Valid("'store':'yes'"), "store is a string", "store" },
        { """{"model":"gpt-4o","messages":"Hi"}""", "messages is a string", "messages" },
        { """{"model":"gpt-4o","messages":[{"role":"user","content":42}]}""", "content is a number", "messages[0].content" },
        { """{"model":"gpt-4o"}""", "messages missing", "messages" },
        { """{"model":"gpt-4o","messages":[]}""", "messages empty", "messages" },
        { """{"model":"gpt-4o","messages":[{"content":"Hi"}]}""", "role missing", "messages[0].role" },
        { """{"model":"gpt-4o","messages":[{"role":"user","content":"a"},{"role":"bot","content":"Hi"}]}""", "unknown role", "messages[1].role" },
        { """{"model":"gpt-4o","messages":[{"role":"user"}]}""", "user content missing", "messages[0].content" },
        { """{"model":"gpt-4o","messages":[{"role":"tool","content":"42"}]}""", "tool_call_id missing", "messages[0].tool_call_id" },
        { """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"video","text":"x"}]}]}""", "unknown content part", "messages[0].content[0].type" },
        { """{"messages":[{"role":"user","content":"Hi"}]}""", "model missing", "model" },
        { """{"model":"","messages":[{"role":"user","content":"Hi"}]}""", "model empty", "model" },
        { Valid("'temperature':2.5"), "temperature above 2", "temperature" },
        { Valid("'temperature':-0.1"), "temperature below 0", "temperature" },
        { Valid("'top_p':1.5"), "top_p above 1", "top_p" },
        { Valid("'frequency_penalty':3"), "frequency_penalty above 2", "frequency_penalty" },
        { Valid("'presence_penalty':-3"), "presence_penalty below -2", "presence_penalty" },
        { Valid("'n':0"), "n below 1", "n" },
        { Valid("'n':129"), "n above 128", "n" },
        { Valid("'max_completion_tokens':0"), "max_completion_tokens 0", "max_completion_tokens" },
        { Valid("'max_tokens':-5"), "max_tokens negative", "max_tokens" },
        { Valid("'stop':['a','b','c','d','e']"), "five stop sequences", "stop" },
        { Valid("'stop':[]"), "empty stop array", "stop" },
        { Valid("'stop':7"), "stop is a number", "stop" },
        { Valid("'top_logprobs':3"), "top_logprobs without logprobs", "top_logprobs" },
        { Valid("'logprobs':true,'top_logprobs':21"), "top_logprobs above 20", "top_logprobs" },
        { Valid("'metadata':{'a':'b'}"), "metadata without store", "metadata" },
        { Valid("'store':true,'metadata':" + TooManyPairs), "17 metadata pairs", "metadata" },
        { Valid("'store':true,'metadata':{'" + new string('k', 65) + "':'v'}"), "metadata key of 65", "metadata" },
        { Valid("'store':true,'metadata':{'k':'" + new string('v', 513) + "'}"), "metadata value of 513", "metadata.k" },
        { Valid("'store':true,'metadata':{'k':1}"), "metadata value a number", "metadata.k" },
        { Valid("'stream_options':{'include_usage':true}"), "stream_options without stream", "stream_options" },
        { Valid("'response_format':{'type':'xml'}"), "unknown response_format", "response_format.type" },
        { Valid("'response_format':{'type':'json_schema'}"), "json_schema missing", "response_format.json_schema" },
        { Valid("'tools':[{'type':'function','function':{'name':'bad name!'}}]"), "bad tool name", "tools[0].function.name" },
        { Valid("'tool_choice':'sometimes'"), "unknown tool_choice", "tool_choice" },
        { Valid("'tool_choice':'required'"), "tool_choice without tools", "tool_choice" },
        { Valid("'logit_bias':{'50256':-101}"), "logit_bias below -100", "logit_bias" },
        { Valid("'service_tier':'gold'"), "unknown service_tier", "service_tier" },
    };

    static string TooManyPairs => JsonSerializer.Serialize(Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v"));

    [Theory]
    [MemberData(nameof(CreateBodies))]
    public async Task Create_BadInput_400WithParam(string body, string why, string? param)
    {
        var (status, json) = await _client.SendJsonAsync(HttpMethod.Post, "/v1/chat/completions", body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{why}: got {(int)status} {json}");
        AssertOpenAIError(json, param);
        await AssertStillServingAsync();
    }

    public static TheoryData<string, string?> ListQueries => new()
    {
        { "limit=0", "limit" },
        { "limit=101", "limit" },
        { "limit=ten", "limit" },
        { "order=sideways", "order" },
        { "after=chatcmpl-unknown", "after" },
        { $"metadata[{new string('k', 65)}]=v", "metadata" },
    };

    [Theory]
    [MemberData(nameof(ListQueries))]
    public async Task List_BadQuery_400WithParam(string query, string? param)
    {
        var (status, json) = await _client.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertOpenAIError(json, param);
    }

    [Fact]
    public async Task Create_NotJsonContentType_4xxInOpenAIShape()
    {
        using var content = new StringContent("model=gpt-4o", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _client.PostAsync("/v1/chat/completions", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        AssertOpenAIError(json, null);
        Assert.Contains("Content-Type: application/json", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnknownRoute_404InOpenAIShape()
    {
        var (status, json) = await _client.SendJsonAsync(HttpMethod.Get, "/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertOpenAIError(json, null);
        Assert.Equal("Invalid URL (GET /v1/nothing-here)", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task WrongMethod_405InOpenAIShape()
    {
        var (status, json) = await _client.SendJsonAsync(HttpMethod.Put, "/v1/chat/completions");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        AssertOpenAIError(json, null);
    }

    static void AssertOpenAIError(JsonElement json, string? param)
    {
        var error = json.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        if (param is null)
            Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        else
            Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.True(error.GetProperty("code").ValueKind is JsonValueKind.String or JsonValueKind.Null);
    }

    async Task AssertStillServingAsync()
    {
        var ok = await _client.CompleteAsync(Requests.Chat());
        Assert.Equal("chat.completion", ok.GetProperty("object").GetString());
    }
}
