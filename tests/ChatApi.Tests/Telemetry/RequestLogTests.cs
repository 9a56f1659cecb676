using System.Net.Http.Headers;
using System.Text.Json;
using ChatApi.Tests.Infrastructure;

namespace ChatApi.Tests.Telemetry;

/// <summary>The request log as an operator reads it: the real server's console, in the JSON format.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task Completion_JsonConsole_OneStructuredLineWithoutContentOrKey()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var settings = new Dictionary<string, string?>(storage.Settings)
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:ChatApi.Requests"] = "Information",
        };
        await using var server = await ServerProcess.StartAsync(settings);
        const string secret = "the-password-is-swordfish";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(Requests.Chat(secret, "gpt-4o-mini").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-never-logged");

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var requestId = response.Headers.GetValues("x-request-id").Single();
        var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("usage");

        var line = await WaitForLineAsync(server, requestId);
        var state = line.GetProperty("State");
        Assert.Equal("Information", line.GetProperty("LogLevel").GetString());
        Assert.Equal("ChatApi.Requests", line.GetProperty("Category").GetString());
        Assert.Equal("POST", state.GetProperty("Method").GetString());
        Assert.Equal("/v1/chat/completions", state.GetProperty("Path").GetString());
        Assert.Equal(200, state.GetProperty("StatusCode").GetInt32());
        Assert.Equal("gpt-4o-mini", state.GetProperty("Model").GetString());
        Assert.Equal("deterministic", state.GetProperty("Backend").GetString());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), state.GetProperty("InputTokens").GetInt32());
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), state.GetProperty("OutputTokens").GetInt32());
        Assert.True(state.GetProperty("DurationMs").GetDouble() > 0);

        Assert.DoesNotContain(secret, server.Output);
        Assert.DoesNotContain("sk-never-logged", server.Output);
        // The start-up probes polled /health/live; probes are not logged.
        Assert.DoesNotContain("/health/", server.Output);
    }

    /// <summary>
    /// The console log is written in batches: the lines of the last requests before a graceful stop are still written,
    /// in the order of the requests, each on its own line in the default (simple) format.
    /// </summary>
    [Fact]
    public async Task SimpleConsole_LastRequestsBeforeStop_AllWrittenInOrder()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        var settings = new Dictionary<string, string?>(storage.Settings) { ["Logging:LogLevel:ChatApi.Requests"] = "Information" };
        await using var server = await ServerProcess.StartAsync(settings);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await server.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken);
            ids.Add(response.Headers.GetValues("x-request-id").Single());
        }

        Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(20)));
        var output = server.Output;
        var positions = ids.Select(id => output.IndexOf($"({id})", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, $"A request's line is missing from:\n{output}"));
        Assert.Equal(positions.Order().ToList(), positions);
        Assert.Contains("info: ChatApi.Requests[1]", output);
    }

    static async Task<JsonElement> WaitForLineAsync(ServerProcess server, string requestId)
    {
        for (var i = 0; i < 100; i++)
        {
            foreach (var text in server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!text.StartsWith('{'))
                    continue;
                var line = JsonDocument.Parse(text).RootElement;
                if (line.TryGetProperty("State", out var state) && state.TryGetProperty("RequestId", out var id) && id.GetString() == requestId)
                    return line;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"No request log line for {requestId} in:\n{server.Output}");
        return default;
    }
}
