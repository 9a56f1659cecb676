using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChatApi.Tests.Auth;

/// <summary>With keys configured every <c>/v1</c> route needs <c>Authorization: Bearer KEY</c>; a missing or wrong key is OpenAI's 401.</summary>
public sealed class ApiKeyTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/v1/models")]
    [InlineData("GET", "/v1/models/gpt-4o")]
    [InlineData("GET", "/v1/chat/completions")]
    [InlineData("POST", "/v1/chat/completions")]
    [InlineData("GET", "/v1/chat/completions/chatcmpl-x")]
    [InlineData("DELETE", "/v1/chat/completions/chatcmpl-x")]
    [InlineData("GET", "/v1/chat/completions/chatcmpl-x/messages")]
    [InlineData("GET", "/v1/no-such-route")]
    public async Task V1_WithoutKey_Is401InOpenAIsShape(string method, string path)
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());

        using var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.StartsWith("You didn't provide an API key.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task V1_WrongKey_Is401ShowingAtMostItsLastFourCharacters()
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());
        var client = app.ClientWithKey("sk-wrong-Secretive9Key7Zx4");

        using var response = await client.GetAsync("/v1/models", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("Incorrect API key provided: sk-...7Zx4.", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("Basic c2stcmVkOg==")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    [InlineData(TeamKeys.Red)]
    [InlineData("Token " + TeamKeys.Red)]
    public async Task V1_MalformedAuthorizationHeader_Is401(string header)
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.DoesNotContain(TeamKeys.Red[^8..], error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task V1_ShortWrongKey_IsNotEchoed()
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());

        using var response = await app.ClientWithKey("<b>x</b>").GetAsync("/v1/models", Ct);

        Assert.Equal("Incorrect API key provided: ***.", (await ErrorAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task V1_KeyGivenAsItsSha256_Works()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sk-hashed-Wq3Lr9Vb2Nc7Xz1")));
        await using var app = new ChatApiFactory(new() { ["Auth:Keys:0:KeySha256"] = hash, ["Auth:Keys:0:Project"] = "red" });

        using var right = await app.ClientWithKey("sk-hashed-Wq3Lr9Vb2Nc7Xz1").GetAsync("/v1/models", Ct);
        using var wrong = await app.ClientWithKey("sk-hashed-Wq3Lr9Vb2Nc7Xz2").GetAsync("/v1/models", Ct);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task NonV1_Routes_NeedNoKey()
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());

        using var response = await app.CreateClient().GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Admin_Paths_NeedAnAdminKey()
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());

        using var none = await app.CreateClient().GetAsync("/admin/anything", Ct);
        using var project = await app.ClientWithKey(TeamKeys.Red).GetAsync("/admin/anything", Ct);
        using var admin = await app.ClientWithKey(TeamKeys.Admin).GetAsync("/admin/anything", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, project.StatusCode);
        Assert.Equal("invalid_request_error", (await ErrorAsync(project)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode); // let through: there is no such route
    }

    [Theory]
    [InlineData("Auth:Keys:0:Key", "sk-no-project-Lm3Qz8Rt1", "Auth:Keys:0 has no Project")]
    [InlineData("Auth:Keys:0:KeySha256", "abc123", "Auth:Keys:0:KeySha256 must be 64 hex digits")]
    [InlineData("Auth:Keys:0:Project", "red", "Auth:Keys:0 has neither Key nor KeySha256")]
    public async Task Startup_InvalidKey_FailsNamingTheKey(string setting, string value, string expected)
    {
        await using var app = new ChatApiFactory(new() { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(expected, error.ToString());
    }

    [Fact]
    public async Task Startup_KeysFileWithAPlainKey_Fails()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatapi-keys-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"keys":[{"key":"sk-plain-Kz8Lw3Mq1","project":"red"}]}""", Ct);
        try
        {
            await using var app = new ChatApiFactory(new() { ["Auth:KeysFile"] = file });

            var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

            Assert.Contains("holds a key in plain text", error.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Environment_KeysAsEnvironmentVariables_Work()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>(), environment: new Dictionary<string, string>
        {
            ["Auth__Keys__0__Key"] = "sk-env-Jq7Rw2Tb9Yc4",
            ["Auth__Keys__0__Project"] = "env",
        });

        using var without = await server.Client.GetAsync("/v1/models", Ct);
        using var with = await server.Client.WithKey("sk-env-Jq7Rw2Tb9Yc4").GetAsync("/v1/models", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").Clone();
}
