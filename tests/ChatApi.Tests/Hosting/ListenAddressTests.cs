using System.Net;
using System.Net.Sockets;
using ChatApi.Tests.Infrastructure;

namespace ChatApi.Tests.Hosting;

/// <summary>
/// The usual ways to choose the address (container images and process managers set the environment) reach Kestrel:
/// nothing in appsettings.json may override them.
/// </summary>
public sealed class ListenAddressTests
{
    static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task AspNetCoreUrls_Set_ServerListensThere()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var port = ServerProcess.FreePort();

        await using var server = await ServerProcess.StartAsync(
            storage.Settings, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }, [], port);

        await AssertServesAsync(server);
    }

    [Fact]
    public async Task AspNetCoreHttpPorts_Set_ServerListensOnThatPort()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var port = ServerProcess.FreePort();
        // HTTP_PORTS binds every interface, which a server without API keys refuses unless told it is meant.
        var settings = new Dictionary<string, string?>(storage.Settings) { ["Auth:AllowAnonymous"] = "true" };

        await using var server = await ServerProcess.StartAsync(
            settings, new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString() }, [], port);

        await AssertServesAsync(server);
    }

    [Fact]
    public async Task UrlsArgument_WithAspNetCoreUrlsSet_TheArgumentWins()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var port = ServerProcess.FreePort();
        var otherPort = ServerProcess.FreePort();

        await using var server = await ServerProcess.StartAsync(
            storage.Settings, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{otherPort}" },
            ["--urls", $"http://127.0.0.1:{port}"], port);

        await AssertServesAsync(server);
        using var other = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => other.GetAsync($"http://127.0.0.1:{otherPort}/v1/models", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NoAddressGiven_ServerUsesLocalhost5000()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var settings = new Dictionary<string, string?>(storage.Settings) { ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information" };

        if (PortIsFree(5000))
        {
            await using var server = await ServerProcess.StartAsync(settings, NoEnvironment, [], 5000);
            await AssertServesAsync(server);
            Assert.Contains("Now listening on: http://localhost:5000", server.Output);
        }
        else
        {
            // Something else holds 5000 on this machine: the server must still try exactly that address, and say so.
            await using var server = ServerProcess.Launch(settings, NoEnvironment, [], 5000);
            Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)), "ChatApi kept running although port 5000 was taken.");
            Assert.Contains("Failed to bind to address http://127.0.0.1:5000: address already in use", server.Output);
        }
    }

    static async Task AssertServesAsync(ServerProcess server)
    {
        using var response = await server.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
