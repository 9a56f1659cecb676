using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace ChatApi.Tests.Sdk;

/// <summary>The official .NET SDK, pointed at the server on a loopback socket, with nothing else changed.</summary>
public sealed class OpenAISdkGenerationTests
{
    const string WeatherParameters = """
        {"type":"object","additionalProperties":false,"required":["city","unit"],
         "properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}}}
        """;

    const string PersonSchema = """
        {"type":"object","additionalProperties":false,"required":["name","age","tags","address","nickname"],
         "properties":{
           "name":{"type":"string"},"age":{"type":"integer","minimum":0,"maximum":120},
           "tags":{"type":"array","items":{"type":"string","enum":["a","b","c"]},"minItems":1,"maxItems":3},
           "address":{"$ref":"#/$defs/address"},"nickname":{"type":["string","null"]}},
         "$defs":{"address":{"type":"object","additionalProperties":false,"required":["street","zip"],
           "properties":{"street":{"type":"string"},"zip":{"type":"string","minLength":5,"maxLength":5}}}}}
        """;

    static ChatClient Client(ChatApiFactory app) =>
        new("gpt-4o", new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(app.StartOnLoopback(), "/v1") });

    [Fact]
    public async Task Sdk_StreamingText_UpdatesJoinToTheReplyWithUsage()
    {
        await using var app = new ChatApiFactory();
        var client = Client(app);
        var ct = TestContext.Current.CancellationToken;

        var text = new StringBuilder();
        var contentUpdates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Tell me about rivers.")], cancellationToken: ct))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
                contentUpdates += part.Text.Length > 0 ? 1 : 0;
            }
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        ChatCompletion whole = await client.CompleteChatAsync([new UserChatMessage("Tell me about rivers.")], cancellationToken: ct);
        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(contentUpdates, usage.OutputTokenCount);
    }

    [Fact]
    public async Task Sdk_StreamingToolCall_AssemblesIdNameAndSchemaValidArguments()
    {
        await using var app = new ChatApiFactory();
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Current weather", BinaryData.FromString(WeatherParameters)) },
        };

        string? id = null, name = null;
        var arguments = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in Client(app).CompleteChatStreamingAsync([new UserChatMessage("What's the weather in Oslo?")], options, TestContext.Current.CancellationToken))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
            finish = update.FinishReason ?? finish;
        }

        Assert.StartsWith("call_", id);
        Assert.Equal("get_weather", name);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        await SchemaAssert.ValidAsync(WeatherParameters, arguments.ToString());
    }

    [Fact]
    public async Task Sdk_JsonSchemaFormat_ContentValidatesAgainstTheSchema()
    {
        await using var app = new ChatApiFactory();
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("person", BinaryData.FromString(PersonSchema), jsonSchemaIsStrict: true),
        };

        ChatCompletion completion = await Client(app).CompleteChatAsync([new UserChatMessage("Describe a person.")], options, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        await SchemaAssert.ValidAsync(PersonSchema, completion.Content[0].Text);
    }

    [Fact]
    public async Task Sdk_LogProbabilities_TokensSpellTheContentWithTopAlternatives()
    {
        await using var app = new ChatApiFactory();
        var options = new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = 3 };

        ChatCompletion completion = await Client(app).CompleteChatAsync([new UserChatMessage("Hello!")], options, TestContext.Current.CancellationToken);

        var tokens = completion.ContentTokenLogProbabilities;
        Assert.Equal(completion.Content[0].Text, string.Concat(tokens.Select(t => t.Token)));
        Assert.All(tokens, t =>
        {
            Assert.True(t.LogProbability <= 0);
            Assert.Equal(Encoding.UTF8.GetBytes(t.Token), t.Utf8Bytes?.ToArray());
            Assert.Equal(3, t.TopLogProbabilities.Count);
            Assert.Equal(t.Token, t.TopLogProbabilities[0].Token);
        });
    }

    [Fact]
    public async Task Sdk_StreamingLogProbabilities_ArriveWithEachToken()
    {
        await using var app = new ChatApiFactory();
        var options = new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = 2 };

        var text = new StringBuilder();
        var tokens = new StringBuilder();
        await foreach (var update in Client(app).CompleteChatStreamingAsync([new UserChatMessage("Hello!")], options, TestContext.Current.CancellationToken))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            tokens.Append(string.Concat(update.ContentTokenLogProbabilities.Select(t => t.Token)));
        }

        Assert.NotEqual(0, text.Length);
        Assert.Equal(text.ToString(), tokens.ToString());
    }
}
