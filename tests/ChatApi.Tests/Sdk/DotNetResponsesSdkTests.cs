using System.Text.Json;
using OpenAI.Responses;

namespace ChatApi.Tests.Sdk;

/// <summary>The official <c>OpenAI</c> NuGet <see cref="ResponsesClient"/> against ChatApi's built-in backend on loopback.</summary>
public sealed class DotNetResponsesSdkTests : IAsyncLifetime
{
    readonly ChatApiFactory _app = new();
    ResponsesClient _client = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly ResponseTool WeatherTool = ResponseTool.CreateFunctionTool(
        "get_weather",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"""),
        strictModeEnabled: true,
        functionDescription: "The weather in a city");

    public ValueTask InitializeAsync()
    {
        _client = SdkClients.OpenAI(_app.StartOnLoopback()).GetResponsesClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CreateResponse_Text_ReturnsCompletedResponseWithOutputText()
    {
        ResponseResult response = await _client.CreateResponseAsync("gpt-4o-mini", "Tell me about tests.", cancellationToken: Ct);

        Assert.StartsWith("resp_", response.Id);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.False(string.IsNullOrWhiteSpace(response.GetOutputText()));
        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.StartsWith("msg_", message.Id);
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CreateResponseStreaming_Text_DeltasMakeTheCompletedResponsesText()
    {
        var text = new System.Text.StringBuilder();
        ResponseResult? completed = null;
        var options = new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Stream something.")]) { StreamingEnabled = true };
        await foreach (var update in await _client.CreateResponseStreamingAsync(options, Ct))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
                text.Append(delta.Delta);
            if (update is StreamingResponseCompletedUpdate done)
                completed = done.Response;
        }

        Assert.NotNull(completed);
        Assert.Equal(text.ToString(), completed.GetOutputText());
        Assert.True(text.Length > 0);
    }

    [Fact]
    public async Task FunctionCall_RoundTripWithPreviousResponseId_EndsInText()
    {
        var first = (ResponseResult)await _client.CreateResponseAsync(new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem("What is the weather in Paris?")])
        {
            Tools = { WeatherTool },
        }, Ct);
        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(first.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("city").ValueKind);

        var second = (ResponseResult)await _client.CreateResponseAsync(new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateFunctionCallOutputItem(call.CallId, """{"temperature":21}""")])
        {
            Tools = { WeatherTool },
            PreviousResponseId = first.Id,
        }, Ct);

        Assert.Equal(first.Id, second.PreviousResponseId);
        Assert.False(string.IsNullOrWhiteSpace(second.GetOutputText()));
    }

    [Fact]
    public async Task GetListAndDelete_StoredResponse_WorkThroughTheClient()
    {
        ResponseResult created = await _client.CreateResponseAsync("gpt-4o-mini", "Keep this.", cancellationToken: Ct);

        ResponseResult got = await _client.GetResponseAsync(created.Id, cancellationToken: Ct);
        var items = new List<ResponseItem>();
        await foreach (var item in _client.GetResponseInputItemsAsync(created.Id, cancellationToken: Ct))
            items.Add(item);
        await _client.DeleteResponseAsync(created.Id, Ct);
        var afterDelete = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => _client.GetResponseAsync(created.Id, cancellationToken: Ct));

        Assert.Equal(created.GetOutputText(), got.GetOutputText());
        var input = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(items));
        Assert.Equal("Keep this.", Assert.Single(input.Content).Text);
        Assert.Equal(404, afterDelete.Status);
    }
}
