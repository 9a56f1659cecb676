using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ChatApi.Tests.Hostile;

/// <summary>The requests that used to give 500 or a silent 200: each now gets OpenAI's 4xx with <c>param</c> at the full path.</summary>
public sealed class HostileInputTests : IClassFixture<HostileInputTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public ChatApiFactory App { get; } = new(new() { ["Limits:MaxRequestBodyBytes"] = "100000", ["Limits:MaxMessages"] = "50" });
        public ValueTask InitializeAsync() => ValueTask.CompletedTask;
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    readonly HttpClient _client;

    public HostileInputTests(Server server) => _client = server.App.CreateClient();

    static string WithSchema(string schema) =>
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"s","strict":true,"schema":""" + schema + "}}}";

    static string WithParameters(string schema) =>
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":""" + schema + "}}]}";

    static string WithHistory(string toolCalls) =>
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":null,"tool_calls":""" + toolCalls + "}]}";

    static string Valid(string fields) => """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],""" + fields + "}";

    public static TheoryData<string, string> BadBodies => new()
    {
        { WithSchema("""{"type":"object","properties":{"x":{"type":[]}}}"""), "response_format.json_schema.schema.properties.x.type" },
        { WithSchema("""{"type":"object","properties":{"x":{"type":[5]}}}"""), "response_format.json_schema.schema.properties.x.type" },
        { WithSchema("""{"type":"object","properties":{"x":{"enum":0}}}"""), "response_format.json_schema.schema.properties.x.enum" },
        { WithSchema("""{"type":"object","properties":{"x":{"$ref":5}}}"""), "response_format.json_schema.schema.properties.x.$ref" },
        { WithSchema("""{"type":"object","properties":{"x":{"type":"string","format":5}}}"""), "response_format.json_schema.schema.properties.x.format" },
        { WithSchema("""{"type":"object","properties":{"x":{"type":"string","maxLength":-1}}}"""), "response_format.json_schema.schema.properties.x.maxLength" },
        { WithSchema("""{"type":"object","properties":{"x":{"type":"number","minimum":1e400}}}"""), "response_format.json_schema.schema.properties.x.minimum" },
        { WithSchema("""{"type":"object","properties":{"x":{"type":"number","multipleOf":0}}}"""), "response_format.json_schema.schema.properties.x.multipleOf" },
        { WithSchema("""{"type":"object","properties":{"x":{}},"required":[5]}"""), "response_format.json_schema.schema.required" },
        { WithSchema("""{"type":"object","properties":{"x":{"type":"string"}},"required":[0],"additionalProperties":false}"""), "response_format.json_schema.schema.required" },
        { WithSchema("""{"anyOf":[{"type":"string"},5]}"""), "response_format.json_schema.schema.anyOf[1]" },
        { WithSchema("5"), "response_format.json_schema.schema" },
        { WithSchema("[]"), "response_format.json_schema.schema" },
        { WithParameters("""{"type":"object","properties":{"a":{"type":[]}}}"""), "tools[0].function.parameters.properties.a.type" },
        { WithParameters("""{"type":"object","required":[5]}"""), "tools[0].function.parameters.required" },
        { WithHistory("[null]"), "messages[1].tool_calls[0]" },
        { WithHistory("""[{"id":"c","type":"function","function":null}]"""), "messages[1].tool_calls[0].function" },
        { WithHistory("""[{"id":"c","type":"function","function":{"name":null,"arguments":"{}"}}]"""), "messages[1].tool_calls[0].function.name" },
        { WithHistory("""[{"id":"c","type":"function","function":{"name":"f","arguments":null}}]"""), "messages[1].tool_calls[0].function.arguments" },
        { WithHistory("""[{"id":null,"type":"function","function":{"name":"f","arguments":"{}"}}]"""), "messages[1].tool_calls[0].id" },
        { Valid("""  "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":5}"""), "tool_choice.type" },
        { Valid("""  "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":5}}"""), "tool_choice.function.name" },
        { Valid("""  "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[null]}}"""), "tool_choice.allowed_tools.tools[0]" },
        { """{"model":"gpt-4o","messages":[{"role":"user","content":[5]}]}""", "messages[0].content[0]" },
        { """{"model":"gpt-4o","messages":[{"role":"user","content":[null]}]}""", "messages[0].content[0]" },
        { Valid("""  "stop":["a",5]"""), "stop[1]" },
        { """{"model":"gpt-4o","messages":[""" + string.Join(",", Enumerable.Repeat("""{"role":"user","content":"a"}""", 51)) + "]}", "messages" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_HostileBody_400AtFullPath(string body, string param)
    {
        var (status, json) = await SendAsync(Encoding.UTF8.GetBytes(body));

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {json}");
        Assert.Equal(param, json.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("application/json; charset=nope")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Create_CharsetOtherThanUtf8_415(string contentType)
    {
        var (status, json) = await SendAsync(Encoding.UTF8.GetBytes(Valid("\"n\":1")), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("UTF-8", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json;charset=utf8")]
    public async Task Create_Utf8Charset_Accepted(string contentType)
    {
        var (status, json) = await SendAsync(Encoding.UTF8.GetBytes(Valid("\"n\":1")), contentType);

        Assert.True(status == HttpStatusCode.OK, json.ToString());
    }

    [Fact]
    public async Task Create_InvalidUtf8InASchemaString_400NotReplaced()
    {
        var body = Encoding.UTF8.GetBytes(WithSchema("""{"type":"object","properties":{"x":{"type":"string","description":"aXb"}}}"""));
        body[Array.IndexOf(body, (byte)'X')] = 0xFF;

        var (status, json) = await SendAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_encoding", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Create_LoneSurrogateEscape_400()
    {
        var (status, json) = await SendAsync(Encoding.UTF8.GetBytes(WithSchema("""{"type":"object","properties":{"\ud800x":{"type":"string"}}}""")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_encoding", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Create_BodyOverTheLimit_413BeforeItIsRead()
    {
        var (status, json) = await SendAsync(Encoding.UTF8.GetBytes(Valid($"\"user\":\"{new string('a', 200_000)}\"")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Limits:MaxRequestBodyBytes", json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_DeeperThan64_400()
    {
        var deep = new string('[', 100) + new string(']', 100);
        var (status, _) = await SendAsync(Encoding.UTF8.GetBytes(Valid($"\"metadata\":{deep}")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"ROLE","content":"x"}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"service_tier":"ROLE"}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"ROLE"}}}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"logit_bias":{"ROLE":1}}""")]
    public async Task Create_MarkupOrHugeValue_EchoedShortAndEscaped(string template)
    {
        var hostile = "<img src=x onerror=alert(1)>" + new string('a', 50_000);
        var (status, json) = await SendAsync(Encoding.UTF8.GetBytes(template.Replace("ROLE", hostile)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.DoesNotContain("<img", message);
        Assert.Contains("\\u003cimg", message);
        Assert.Contains("…", message);
        Assert.True(message.Length < 300, message);
    }

    [Fact]
    public async Task UnknownRoute_MarkupInPath_Escaped()
    {
        var (status, json) = await _client.SendJsonAsync(HttpMethod.Get, "/v1/%3Cscript%3E" + new string('x', 500));

        Assert.Equal(HttpStatusCode.NotFound, status);
        var message = json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.DoesNotContain("<script", message);
        Assert.True(message.Length < 200, message);
    }

    async Task<(HttpStatusCode, JsonElement)> SendAsync(byte[] body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await _client.PostAsync("/v1/chat/completions", content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
