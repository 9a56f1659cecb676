using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Tests.Sdk;
using OpenAI.Chat;

namespace ChatApi.Tests.Admin;

/// <summary><c>Storage:Capture=all</c>: every completion is kept, so a test can read what its app sent.</summary>
public sealed class RequestJournalTests
{
    const string WeatherTool = """{ "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] }""";

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task CaptureAll_AppNeverSetsStore_ListedWithItsRequests(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(Capturing(storage.Settings));
        var chat = SdkClients.Chat(app.StartOnLoopback(), model: "journal-app");

        // The application under test: the official SDK, no store flag.
        var options = new ChatCompletionOptions { Temperature = 0.3f, Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather for a city", BinaryData.FromString(WeatherTool)) } };
        await chat.CompleteChatAsync([new SystemChatMessage("You are a terse weather bot."), new UserChatMessage("Weather in Oslo?")], options, TestContext.Current.CancellationToken);
        await foreach (var _ in chat.CompleteChatStreamingAsync([new UserChatMessage("And in Rome?")], cancellationToken: TestContext.Current.CancellationToken)) { }

        using var client = new HttpClient { BaseAddress = app.ClientOptions.BaseAddress };
        var page = await client.GetJsonAsync("/v1/chat/completions?model=journal-app&order=asc");
        var items = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var first = await client.GetJsonAsync($"/v1/chat/completions/{items[0].GetProperty("id").GetString()}");
        Assert.Equal(0.3, first.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal("get_weather", first.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(JsonNode.Parse(WeatherTool)!.ToJsonString(), JsonNode.Parse(first.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters").GetRawText())!.ToJsonString());
        var messages = (await client.GetJsonAsync($"/v1/chat/completions/{items[0].GetProperty("id").GetString()}/messages?order=asc")).GetProperty("data");
        Assert.Equal(["system", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("You are a terse weather bot.", messages[0].GetProperty("content").GetString());
        var streamed = (await client.GetJsonAsync($"/v1/chat/completions/{items[1].GetProperty("id").GetString()}/messages")).GetProperty("data");
        Assert.Equal("And in Rome?", Assert.Single(streamed.EnumerateArray()).GetProperty("content").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task DeleteCaptured_ForgetsCapturedOnly_NeverStoreTrue(string provider)
    {
        await using var storage = await TestStorage.CreateAsync(provider);
        await using var app = new ChatApiFactory(Capturing(storage.Settings));
        var client = app.CreateClient();
        var stored = (await client.CreateStoredAsync(metadata: new() { ["kept"] = "yes" })).GetProperty("id").GetString();
        await client.CompleteAsync(Requests.Chat("Captured one"));
        await client.CompleteAsync(Requests.Chat("Captured two").With("store", false));
        Assert.Equal(3, (await client.GetJsonAsync("/v1/chat/completions")).GetProperty("data").GetArrayLength());

        var (status, body) = await client.SendJsonAsync(HttpMethod.Delete, "/admin/captured");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("deleted").GetInt32());
        var left = Assert.Single((await client.GetJsonAsync("/v1/chat/completions")).GetProperty("data").EnumerateArray());
        Assert.Equal(stored, left.GetProperty("id").GetString());
    }

    [Fact]
    public async Task CaptureStored_Default_CompletionWithoutStoreIsNotKept()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var created = await client.CompleteAsync(Requests.Chat());

        Assert.Empty((await client.GetJsonAsync("/v1/chat/completions")).GetProperty("data").EnumerateArray());
        var (status, _) = await client.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{created.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public void Start_UnknownCaptureValue_FailsNamingTheSetting()
    {
        using var app = new ChatApiFactory(new() { ["Storage:Capture"] = "everything" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Storage:Capture 'everything'", error.ToString());
    }

    static Dictionary<string, string?> Capturing(Dictionary<string, string?> settings)
    {
        settings["Storage:Capture"] = "all";
        return settings;
    }
}
