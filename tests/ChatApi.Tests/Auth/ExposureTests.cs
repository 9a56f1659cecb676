using System.Net;
using System.Text.Json;

namespace ChatApi.Tests.Auth;

/// <summary>Without keys ChatApi keeps to loopback: other Host names get 400 (DNS rebinding), other bind addresses stop it at start-up.</summary>
public sealed class ExposureTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("attacker.example", HttpStatusCode.BadRequest)]
    [InlineData("attacker.example:5000", HttpStatusCode.BadRequest)]
    [InlineData("192.168.1.20:5000", HttpStatusCode.BadRequest)]
    [InlineData("localhost:5000", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:5000", HttpStatusCode.OK)]
    [InlineData("[::1]:5000", HttpStatusCode.OK)]
    public async Task Host_WithoutKeys_OnlyLoopbackNamesAreServed(string host, HttpStatusCode expected)
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Host = host;

        using var response = await client.GetAsync("/v1/chat/completions", Ct);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
            Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            Assert.Contains("AllowedHosts", error.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Host_WithKeys_AnyNameReachesTheKeyCheck()
    {
        await using var app = new ChatApiFactory(TeamKeys.Settings());
        var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Host = "chat.team.example";
        var keyed = app.ClientWithKey(TeamKeys.Red);
        keyed.DefaultRequestHeaders.Host = "chat.team.example";

        using var refused = await anonymous.GetAsync("/v1/models", Ct);
        using var served = await keyed.GetAsync("/v1/models", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Host_ConfiguredAllowedHosts_ReplaceTheDefault()
    {
        await using var app = new ChatApiFactory(new() { ["AllowedHosts"] = "chat.example.com" });
        var client = app.CreateClient();

        client.DefaultRequestHeaders.Host = "chat.example.com";
        using var named = await client.GetAsync("/v1/models", Ct);
        client.DefaultRequestHeaders.Host = "localhost";
        using var other = await client.GetAsync("/v1/models", Ct);

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    public static TheoryData<string, string> ExposedBinds => new()
    {
        { "--urls http://0.0.0.0:{0}", "" },
        { "--urls http://[::]:{0}", "" },
        { "", "ASPNETCORE_HTTP_PORTS" },
        { "", "ASPNETCORE_URLS" },
    };

    [Theory]
    [MemberData(nameof(ExposedBinds))]
    public async Task Startup_ExposedBindWithoutKeys_IsRefusedSayingWhy(string arguments, string variable)
    {
        var port = ServerProcess.FreePort();
        var environment = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "", ["ASPNETCORE_HTTP_PORTS"] = "" };
        if (variable == "ASPNETCORE_HTTP_PORTS")
            environment[variable] = $"{port}";
        else if (variable == "ASPNETCORE_URLS")
            environment[variable] = $"http://+:{port}";

        var (exitCode, output) = await ExternalProcess.RunAsync("dotnet",
            $"ChatApi.dll {string.Format(arguments, port)} --Auth:KeysFile= --ConnectionStrings:ChatApi=\"Data Source={TempDatabase()}\"",
            AppContext.BaseDirectory, environment, TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(78, exitCode);
        Assert.Contains("refuses to start", output);
        Assert.Contains("no API keys are configured", output);
        Assert.Contains("Auth:AllowAnonymous=true", output);
    }

    [Fact]
    public async Task Startup_ExposedBindWithAllowAnonymous_Serves()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymous"] = "true",
            ["ConnectionStrings:ChatApi"] = $"Data Source={TempDatabase()}",
        }, bindHost: "0.0.0.0");

        using var response = await server.Client.GetAsync("/v1/models", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    static string TempDatabase() => Path.Combine(Path.GetTempPath(), $"chatapi-test-{Guid.NewGuid():N}.db");
}
