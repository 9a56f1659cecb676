using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatApi.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ChatApi.Tests.WebPage;

/// <summary>The page at <c>/</c> in a real headless Chromium, checked against what the API itself returns.</summary>
public sealed class WebPageTests
{
    [Fact]
    public async Task List_StoredCompletions_ShowsWhatTheApiStoredNewestFirst()
    {
        await using var app = new ChatApiFactory();
        var baseAddress = app.StartOnLoopback();
        var client = new HttpClient { BaseAddress = baseAddress };
        await client.CreateStoredAsync(model: "gpt-4o", content: "What is the capital of Norway?");
        await client.CreateStoredAsync(model: "gpt-4o-mini", content: "Name three rivers.");
        await using var browser = await Browser.LaunchAsync();

        var page = await browser.OpenAsync(baseAddress);

        var api = await client.GetJsonAsync("/v1/chat/completions?order=desc&limit=20");
        var stored = api.GetProperty("data").EnumerateArray().ToList();
        var rows = page.Locator("table.list tbody tr");
        Assert.Equal(stored.Count, await rows.CountAsync());
        await Assertions.Expect(rows.Nth(0).Locator(".user-preview")).ToHaveTextAsync("Name three rivers.");
        await Assertions.Expect(rows.Nth(1).Locator(".user-preview")).ToHaveTextAsync("What is the capital of Norway?");
        for (var i = 0; i < stored.Count; i++)
        {
            var row = rows.Nth(i);
            Assert.Equal(stored[i].GetProperty("id").GetString(), await row.GetAttributeAsync("data-id"));
            Assert.Equal(stored[i].GetProperty("model").GetString(), await row.Locator(".model").InnerTextAsync());
            Assert.Equal(OneLine(stored[i].GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!), await row.Locator(".answer-preview").InnerTextAsync());
            Assert.Equal(stored[i].GetProperty("usage").GetProperty("total_tokens").GetInt32().ToString(), await row.Locator(".tokens").InnerTextAsync());
            Assert.Equal(stored[i].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), await row.Locator(".finish").InnerTextAsync());
        }
    }

    [Fact]
    public async Task List_FilteredByModelAndMetadata_ShowsOnlyMatches()
    {
        await using var app = new ChatApiFactory();
        var baseAddress = app.StartOnLoopback();
        var client = new HttpClient { BaseAddress = baseAddress };
        var red = await client.CreateStoredAsync(new() { ["team"] = "red" }, "gpt-4o");
        var blueMini = await client.CreateStoredAsync(new() { ["team"] = "blue" }, "gpt-4o-mini");
        await client.CreateStoredAsync(new() { ["team"] = "blue" }, "gpt-4o");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(baseAddress);
        Assert.Equal(3, await page.Locator("table.list tbody tr").CountAsync());

        await page.FillAsync("#filter-model", "gpt-4o-mini");
        await page.PressAsync("#filter-model", "Enter");
        await Browser.NavigatedAsync(page, new Regex("model=gpt-4o-mini"));
        Assert.Equal([Id(blueMini)], await RowIdsAsync(page));

        await Browser.GoAsync(page, new Uri(baseAddress, "/"));
        await page.FillAsync("#filter-key", "team");
        await page.FillAsync("#filter-value", "red");
        await page.ClickAsync("form.filters button[type=submit]");
        await Browser.NavigatedAsync(page, new Regex("value=red"));
        Assert.Equal([Id(red)], await RowIdsAsync(page));
    }

    [Fact]
    public async Task List_Paging_WalksEveryCompletionOnceNewestFirst()
    {
        await using var app = new ChatApiFactory();
        var baseAddress = app.StartOnLoopback();
        var client = new HttpClient { BaseAddress = baseAddress };
        for (var i = 0; i < 45; i++)
            await client.CreateStoredAsync(content: $"Question number {i}");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(baseAddress);

        var seen = new List<string>(await RowIdsAsync(page));
        while (await page.Locator("#older").CountAsync() > 0)
        {
            await page.ClickAsync("#older");
            await Browser.NavigatedAsync(page, new Regex($"page={seen.Count / 20 + 1}"));
            seen.AddRange(await RowIdsAsync(page));
        }

        var expected = new List<string>();
        string? after = null;
        do
        {
            var list = await client.GetJsonAsync($"/v1/chat/completions?order=desc&limit=100{(after is null ? "" : $"&after={after}")}");
            expected.AddRange(list.GetProperty("data").EnumerateArray().Select(Id));
            after = list.GetProperty("has_more").GetBoolean() ? list.GetProperty("last_id").GetString() : null;
        } while (after is not null);
        Assert.Equal(45, expected.Count);
        Assert.Equal(expected, seen);

        await page.ClickAsync("#newer");
        await page.WaitForSelectorAsync("text=Page 2");
        Assert.Equal(expected.Skip(20).Take(20), await RowIdsAsync(page));
    }

    [Fact]
    public async Task Detail_ConversationWithToolCalls_ShowsEveryMessageAndPrettyArguments()
    {
        await using var app = new ChatApiFactory();
        var baseAddress = app.StartOnLoopback();
        var client = new HttpClient { BaseAddress = baseAddress };
        var created = await client.CompleteAsync(ToolConversation());
        await using var browser = await Browser.LaunchAsync();

        var page = await browser.OpenAsync(new Uri(baseAddress, $"/completions/{Id(created)}"));

        var messages = await client.GetJsonAsync($"/v1/chat/completions/{Id(created)}/messages?limit=100");
        var roles = messages.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("role").GetString()!).Append("assistant").ToList();
        Assert.Equal(["system", "user", "assistant", "tool", "user", "assistant"], roles);
        Assert.Equal(roles, await page.Locator(".conversation .bubble").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.role)"));
        await Assertions.Expect(page.Locator(".bubble.system")).ToContainTextAsync("You help with travel.");
        await Assertions.Expect(page.Locator(".bubble.tool")).ToContainTextAsync("call_weather_1");
        var arguments = page.Locator(".bubble.assistant .tool-call pre.arguments").First;
        Assert.Equal(JsonSerializer.Serialize(JsonNode.Parse("""{"city":"Oslo","days":2}"""), new JsonSerializerOptions { WriteIndented = true }),
            await arguments.InnerTextAsync());
        await Assertions.Expect(page.Locator(".bubble.assistant .tool-call strong").First).ToHaveTextAsync("get_weather");
        var usage = created.GetProperty("usage");
        await Assertions.Expect(page.Locator("aside")).ToContainTextAsync(usage.GetProperty("prompt_tokens").GetInt32().ToString());
        await Assertions.Expect(page.Locator("aside")).ToContainTextAsync("get_weather");

        await page.ClickAsync("#raw summary");
        Assert.Equal(Id(created), JsonDocument.Parse(await page.InnerTextAsync("#raw-json")).RootElement.GetProperty("id").GetString());
        await SaveScreenshotsIfAskedAsync(browser, baseAddress, client, Id(created));
    }

    [Fact]
    public async Task Detail_MetadataEdited_VisibleThroughTheApi()
    {
        await using var app = new ChatApiFactory();
        var baseAddress = app.StartOnLoopback();
        var client = new HttpClient { BaseAddress = baseAddress };
        var created = await client.CreateStoredAsync(new() { ["team"] = "red", ["stage"] = "dev" });
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(baseAddress, $"/completions/{Id(created)}"));

        await page.Locator(".meta-row:has(input.meta-key[value='team']) .meta-value").FillAsync("blue");
        await page.ClickAsync("button[aria-label='Remove stage']");
        await page.ClickAsync("#metadata-add");
        await page.Keyboard.TypeAsync("owner");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("ada");
        await page.ClickAsync("#metadata-save");
        await Assertions.Expect(page.Locator("#metadata-status")).ToHaveTextAsync("Saved.");

        var stored = await client.GetJsonAsync($"/v1/chat/completions/{Id(created)}");
        Assert.Equal("""{"team":"blue","owner":"ada"}""", stored.GetProperty("metadata").GetRawText());
        var filtered = await client.GetJsonAsync("/v1/chat/completions?metadata[owner]=ada");
        Assert.Equal([Id(created)], filtered.GetProperty("data").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task Detail_DeleteConfirmed_GoneFromTheApi_CancelKeepsIt()
    {
        await using var app = new ChatApiFactory();
        var baseAddress = app.StartOnLoopback();
        var client = new HttpClient { BaseAddress = baseAddress };
        var created = await client.CreateStoredAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(baseAddress, $"/completions/{Id(created)}"));

        await page.ClickAsync("#delete");
        await page.ClickAsync("#confirm-dialog button[value=cancel]");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{Id(created)}")).Status);

        await page.ClickAsync("#delete");
        await page.ClickAsync("#confirm-delete");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(baseAddress, "/").ToString());
        await page.WaitForSelectorAsync("#empty");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.SendJsonAsync(HttpMethod.Get, $"/v1/chat/completions/{Id(created)}")).Status);
    }

    [Fact]
    public async Task Page_StoredContentWithMarkup_ShownAsTextNotRun()
    {
        await using var app = new ChatApiFactory();
        var baseAddress = app.StartOnLoopback();
        var client = new HttpClient { BaseAddress = baseAddress };
        var created = await client.CreateStoredAsync(content: "<img src=x onerror=\"document.body.dataset.owned='yes'\">");
        await using var browser = await Browser.LaunchAsync();

        var list = await browser.OpenAsync(baseAddress);
        await Assertions.Expect(list.Locator(".user-preview")).ToContainTextAsync("<img src=x");
        var detail = await browser.OpenAsync(new Uri(baseAddress, $"/completions/{Id(created)}"));
        await Assertions.Expect(detail.Locator(".bubble.user")).ToContainTextAsync("onerror");

        Assert.Null(await list.GetAttributeAsync("body", "data-owned"));
        Assert.Null(await detail.GetAttributeAsync("body", "data-owned"));
    }

    static JsonObject ToolConversation() => new()
    {
        ["model"] = "gpt-4o",
        ["store"] = true,
        ["metadata"] = new JsonObject { ["team"] = "travel" },
        ["temperature"] = 0.3,
        ["tools"] = new JsonArray(Requests.FunctionTool("get_weather", """{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city","days"]}""")),
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You help with travel." },
            new JsonObject { ["role"] = "user", ["content"] = "Will it rain in Oslo?" },
            new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_weather_1",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = """{"city":"Oslo","days":2}""" },
                }),
            },
            new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_weather_1", ["content"] = """{"rain_mm":[3,0]}""" },
            new JsonObject { ["role"] = "user", ["content"] = "So should I pack an umbrella?" }),
    };

    /// <summary><c>CHATAPI_UPDATE_SCREENSHOTS=1</c> rewrites docs/web-page-list.png and docs/web-page-detail.png.</summary>
    static async Task SaveScreenshotsIfAskedAsync(Browser browser, Uri baseAddress, HttpClient client, string detailId)
    {
        if (Environment.GetEnvironmentVariable("CHATAPI_UPDATE_SCREENSHOTS") != "1")
            return;
        string[] prompts = ["Summarise the meeting notes in three bullets.", "Translate 'good morning' into Norwegian.", "Write a haiku about SQLite.", "What is 17 × 23?"];
        foreach (var (prompt, i) in prompts.Select((p, i) => (p, i)))
            await client.CreateStoredAsync(new() { ["team"] = i % 2 == 0 ? "red" : "blue" }, i % 2 == 0 ? "gpt-4o-mini" : "gpt-4o", prompt);
        var list = await browser.OpenAsync(baseAddress, 1280, 560);
        await Assertions.Expect(list.Locator(".user-preview").First).Not.ToHaveTextAsync("…");
        await list.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Root, "docs", "web-page-list.png") });
        var detail = await browser.OpenAsync(new Uri(baseAddress, $"/completions/{detailId}"), 1280, 900);
        await detail.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Root, "docs", "web-page-detail.png"), FullPage = true });
    }

    static string Id(JsonElement completion) => completion.GetProperty("id").GetString()!;

    static string OneLine(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    static async Task<string[]> RowIdsAsync(IPage page) =>
        await page.Locator("table.list tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
}
