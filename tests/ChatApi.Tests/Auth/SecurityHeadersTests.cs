using System.Net;
using System.Net.Http.Json;

namespace ChatApi.Tests.Auth;

/// <summary><c>X-Content-Type-Options: nosniff</c> everywhere, <c>Cache-Control: no-store</c> on stored data, no <c>Server</c> header.</summary>
public sealed class SecurityHeadersTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoredData_IsNoStoreAndNosniff()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var id = (await client.CreateStoredAsync()).GetProperty("id").GetString();

        foreach (var path in new[] { "/v1/chat/completions", $"/v1/chat/completions/{id}", $"/v1/chat/completions/{id}/messages" })
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, path);
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        }
    }

    [Fact]
    public async Task Errors_CarryNosniff()
    {
        await using var app = new ChatApiFactory();

        using var response = await app.CreateClient().PostAsJsonAsync("/v1/chat/completions", new { model = "gpt-4o", messages = Array.Empty<object>() }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Kestrel_SendsNoServerHeader()
    {
        await using var app = new ChatApiFactory();
        using var client = new HttpClient { BaseAddress = app.StartOnLoopback() };

        using var response = await client.GetAsync("/v1/models", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
    }
}
