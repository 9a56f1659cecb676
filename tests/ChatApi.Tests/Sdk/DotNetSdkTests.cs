using System.ClientModel;
using System.Text.Json;
using OpenAI.Chat;

namespace ChatApi.Tests.Sdk;

/// <summary>The official <c>OpenAI</c> NuGet client against ChatApi on a real loopback socket.</summary>
public sealed class DotNetSdkTests : IAsyncLifetime
{
    readonly ChatApiFactory _app = new();
    ChatClient _chat = null!;
    Uri _baseUri = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _baseUri = _app.StartOnLoopback();
        _chat = SdkClients.Chat(_baseUri);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CompleteChat_Stored_ReturnsAssistantReplyWithoutMetadata()
    {
        var result = await _chat.CompleteChatAsync([new UserChatMessage("Hello!")], Stored(("team", "red")), Ct);

        var completion = result.Value;
        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.Equal("gpt-4o-mini", completion.Model);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(completion.Content).Text));
        Assert.True(completion.Usage.OutputTokenCount > 0);
        Assert.False(RawJson(result).TryGetProperty("metadata", out _));
    }

    [Fact]
    public async Task CompleteChatStreaming_Stored_StoresTheStreamedReplyWithUsage()
    {
        var text = new System.Text.StringBuilder();
        string? id = null;
        await foreach (var update in _chat.CompleteChatStreamingAsync([new UserChatMessage("Hello!")], Stored(("team", "red")), Ct))
        {
            id ??= update.CompletionId;
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        var stored = (await _chat.GetChatCompletionAsync(id!, Ct)).Value;

        Assert.Equal(text.ToString(), stored.Content[0].Text);
        Assert.True(stored.Usage.OutputTokenCount > 0);
        Assert.Equal(stored.Usage.InputTokenCount + stored.Usage.OutputTokenCount, stored.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetChatCompletion_Stored_ReturnsItWithItsMetadata()
    {
        var created = await CreateStoredAsync(("team", "red"));

        var result = await _chat.GetChatCompletionAsync(created.Id, Ct);

        Assert.Equal(created.Id, result.Value.Id);
        Assert.Equal(created.Content[0].Text, result.Value.Content[0].Text);
        Assert.Equal("red", RawJson(result).GetProperty("metadata").GetProperty("team").GetString());
    }

    [Fact]
    public async Task GetChatCompletions_FilteredByMetadataAndModel_ReturnsOnlyMatches()
    {
        var red = await CreateStoredAsync(("team", "red"));
        await CreateStoredAsync(("team", "blue"));
        var redBig = (await SdkClients.Chat(_baseUri, "gpt-4o").CompleteChatAsync([new UserChatMessage("Hi")], Stored(("team", "red")), Ct)).Value;

        var byTeam = await IdsAsync(_chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions { Metadata = { ["team"] = "red" } }, Ct));
        var byTeamAndModel = await IdsAsync(_chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions { Metadata = { ["team"] = "red" }, Model = "gpt-4o" }, Ct));

        Assert.Equal([red.Id, redBig.Id], byTeam);
        Assert.Equal([redBig.Id], byTeamAndModel);
    }

    [Fact]
    public async Task GetChatCompletions_SmallPages_AutoPaginatesEveryItemInOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await CreateStoredAsync()).Id);

        var ascending = await IdsAsync(_chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions { PageSizeLimit = 2 }, Ct));
        var descending = await IdsAsync(_chat.GetChatCompletionsAsync(
            new ChatCompletionCollectionOptions { PageSizeLimit = 2, Order = ChatCompletionCollectionOrder.Descending }, Ct));
        var pages = 0;
        await foreach (var _ in _chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions { PageSizeLimit = 2 }, Ct).GetRawPagesAsync())
            pages++;

        Assert.Equal(ids, ascending);
        Assert.Equal(Enumerable.Reverse(ids), descending);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task UpdateChatCompletion_NewMetadata_ReplacesItAndListFiltersSeeIt()
    {
        var created = await CreateStoredAsync(("team", "red"));

        var updated = await _chat.UpdateChatCompletionAsync(created.Id, new Dictionary<string, string> { ["team"] = "blue", ["stage"] = "done" }, Ct);

        Assert.Equal(created.Id, updated.Value.Id);
        var metadata = RawJson(updated).GetProperty("metadata");
        Assert.Equal("blue", metadata.GetProperty("team").GetString());
        Assert.Equal("done", metadata.GetProperty("stage").GetString());
        Assert.Empty(await IdsAsync(_chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions { Metadata = { ["team"] = "red" } }, Ct)));
        Assert.Equal([created.Id], await IdsAsync(_chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions { Metadata = { ["team"] = "blue" } }, Ct)));
    }

    [Fact]
    public async Task DeleteChatCompletion_Stored_IsGoneFromEveryCall()
    {
        var kept = await CreateStoredAsync();
        var created = await CreateStoredAsync(("team", "red"));

        var deleted = await _chat.DeleteChatCompletionAsync(created.Id, Ct);

        Assert.True(deleted.Value.Deleted);
        Assert.Equal(created.Id, deleted.Value.ChatCompletionId);
        Assert.Equal(404, (await Assert.ThrowsAsync<ClientResultException>(() => _chat.GetChatCompletionAsync(created.Id, Ct))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ClientResultException>(() => _chat.UpdateChatCompletionAsync(created.Id, new Dictionary<string, string>(), Ct))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ClientResultException>(() => _chat.DeleteChatCompletionAsync(created.Id, Ct))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ClientResultException>(() => IdsAsync(_chat.GetChatCompletionMessagesAsync(created.Id, cancellationToken: Ct)))).Status);
        Assert.Equal([kept.Id], await IdsAsync(_chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions(), Ct)));
        Assert.Empty(await IdsAsync(_chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions { Metadata = { ["team"] = "red" } }, Ct)));
    }

    [Fact]
    public async Task GetChatCompletionMessages_SmallPages_ReturnsEveryRequestMessageWithContentParts()
    {
        ChatMessage[] messages =
        [
            new SystemChatMessage("Be brief."),
            new UserChatMessage(ChatMessageContentPart.CreateTextPart("Hi "), ChatMessageContentPart.CreateTextPart("there")),
            new AssistantChatMessage("Hello."),
            new UserChatMessage("Bye!"),
        ];
        var created = (await _chat.CompleteChatAsync(messages, Stored(), Ct)).Value;

        var stored = new List<ChatCompletionMessageListDatum>();
        await foreach (var message in _chat.GetChatCompletionMessagesAsync(created.Id, new ChatCompletionMessageCollectionOptions { PageSizeLimit = 3 }, Ct))
            stored.Add(message);
        var newestFirst = new List<string>();
        await foreach (var message in _chat.GetChatCompletionMessagesAsync(
            created.Id, new ChatCompletionMessageCollectionOptions { Order = ChatCompletionMessageCollectionOrder.Descending }, Ct))
            newestFirst.Add(message.Content);

        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{created.Id}-{i}"), stored.Select(m => m.Id));
        Assert.Equal("Be brief.", stored[0].Content);
        Assert.Empty(stored[0].ContentParts);
        Assert.Equal(["Hi ", "there"], stored[1].ContentParts.Select(p => p.Text));
        Assert.Equal(["Bye!", "Hello.", "Hi there", "Be brief."], newestFirst);
    }

    [Fact]
    public async Task GetChatCompletionMessages_NoPageSize_PagesByTwenty()
    {
        var created = (await _chat.CompleteChatAsync([.. Enumerable.Range(0, 25).Select(i => new UserChatMessage($"Message {i}"))], Stored(), Ct)).Value;

        var pageSizes = new List<int>();
        await foreach (var page in _chat.GetChatCompletionMessagesAsync(created.Id, cancellationToken: Ct).GetRawPagesAsync())
            pageSizes.Add(JsonDocument.Parse(page.GetRawResponse().Content.ToString()).RootElement.GetProperty("data").GetArrayLength());
        var contents = new List<string>();
        await foreach (var message in _chat.GetChatCompletionMessagesAsync(created.Id, cancellationToken: Ct))
            contents.Add(message.Content);

        Assert.Equal([20, 5], pageSizes);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"Message {i}"), contents);
    }

    [Fact]
    public async Task CompleteChat_MetadataWithoutStore_ThrowsBadRequestWithOpenAIMessage()
    {
        var options = new ChatCompletionOptions { Metadata = { ["team"] = "red" } };

        var error = await Assert.ThrowsAsync<ClientResultException>(() => _chat.CompleteChatAsync([new UserChatMessage("Hi")], options, Ct));

        Assert.Equal(400, error.Status);
        Assert.Contains("The 'metadata' parameter is only allowed when 'store' is enabled.", error.Message);
    }

    [Fact]
    public async Task GetChatCompletions_UnknownAfterCursor_ThrowsBadRequestNamingAfter()
    {
        await CreateStoredAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            IdsAsync(_chat.GetChatCompletionsAsync(new ChatCompletionCollectionOptions { AfterId = "chatcmpl-missing" }, Ct)));

        Assert.Equal(400, error.Status);
        Assert.Contains("after", error.Message);
    }

    [Fact]
    public async Task Models_ListAndRetrieve_ReturnOpenAIModels()
    {
        var models = SdkClients.OpenAI(_baseUri).GetOpenAIModelClient();

        var list = (await models.GetModelsAsync(Ct)).Value;
        var one = (await models.GetModelAsync("gpt-4o-mini", Ct)).Value;

        Assert.Contains(list, m => m.Id == "gpt-4o-mini");
        Assert.All(list, m => Assert.False(string.IsNullOrEmpty(m.OwnedBy)));
        Assert.Equal("gpt-4o-mini", one.Id);
        Assert.True(one.CreatedAt > DateTimeOffset.UnixEpoch);
    }

    async Task<ChatCompletion> CreateStoredAsync(params (string Key, string Value)[] metadata) =>
        (await _chat.CompleteChatAsync([new UserChatMessage("Hello!")], Stored(metadata), Ct)).Value;

    static ChatCompletionOptions Stored(params (string Key, string Value)[] metadata)
    {
        var options = new ChatCompletionOptions { StoredOutputEnabled = true };
        foreach (var (key, value) in metadata)
            options.Metadata[key] = value;
        return options;
    }

    static async Task<List<string>> IdsAsync<T>(AsyncCollectionResult<T> items)
    {
        var ids = new List<string>();
        await foreach (var item in items)
            ids.Add(item switch { ChatCompletion c => c.Id, ChatCompletionMessageListDatum m => m.Id, _ => throw new NotSupportedException() });
        return ids;
    }

    /// <summary>The body as it came over the wire: the SDK's <see cref="ChatCompletion"/> has no <c>metadata</c> property.</summary>
    static JsonElement RawJson(ClientResult result) =>
        JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement.Clone();
}
