using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Chat;

namespace ChatApi.Tests.Sdk;

/// <summary>The deprecated function options of the official .NET SDK (still in 2.15.0) against ChatApi on loopback.</summary>
#pragma warning disable CS0618 // the point is the deprecated API
public sealed class LegacyFunctionSdkTests
{
    const string Parameters = """{"type":"object","required":["city"],"properties":{"city":{"type":"string"},"zip":{"type":"string","pattern":"^\\d{5}$"}}}""";

    static ChatCompletionOptions Options(ChatFunctionChoice? choice = null)
    {
        var options = new ChatCompletionOptions { FunctionChoice = choice };
        options.Functions.Add(new ChatFunction("get_weather") { FunctionDescription = "Weather for a city", FunctionParameters = BinaryData.FromString(Parameters) });
        return options;
    }

    [Fact]
    public async Task CompleteChat_FunctionMentioned_ReturnsFunctionCall()
    {
        await using var app = new ChatApiFactory();
        var chat = SdkClients.Chat(app.StartOnLoopback());

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("What's the weather in Paris?")], Options(), TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.FunctionCall, completion.FinishReason);
        Assert.Equal("get_weather", completion.FunctionCall.FunctionName);
        await SchemaAssert.ValidAsync(Parameters, completion.FunctionCall.FunctionArguments.ToString());
        Assert.Equal("Paris", JsonNode.Parse(completion.FunctionCall.FunctionArguments.ToString())!["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChat_FunctionResult_AnswersText()
    {
        await using var app = new ChatApiFactory();
        var chat = SdkClients.Chat(app.StartOnLoopback());
        var ct = TestContext.Current.CancellationToken;
        List<ChatMessage> messages = [new UserChatMessage("What's the weather in Paris?")];
        ChatCompletion call = await chat.CompleteChatAsync(messages, Options(), ct);
        messages.Add(new AssistantChatMessage(call.FunctionCall));
        messages.Add(new FunctionChatMessage("get_weather", """{"temp":21}"""));

        ChatCompletion answer = await chat.CompleteChatAsync(messages, Options(), ct);

        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.NotEmpty(answer.Content[0].Text);
    }

    [Fact]
    public async Task CompleteChatStreaming_ForcedFunction_StreamsNameAndArguments()
    {
        await using var app = new ChatApiFactory();
        var chat = SdkClients.Chat(app.StartOnLoopback());
        var name = new StringBuilder();
        var arguments = new StringBuilder();
        ChatFinishReason? finish = null;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello")], Options(ChatFunctionChoice.CreateNamedChoice("get_weather")), TestContext.Current.CancellationToken))
        {
            name.Append(update.FunctionCallUpdate?.FunctionName);
            arguments.Append(update.FunctionCallUpdate?.FunctionArgumentsUpdate?.ToString());
            finish ??= update.FinishReason;
        }

        Assert.Equal("get_weather", name.ToString());
        Assert.Equal(ChatFinishReason.FunctionCall, finish);
        await SchemaAssert.ValidAsync(Parameters, arguments.ToString());
    }
}
