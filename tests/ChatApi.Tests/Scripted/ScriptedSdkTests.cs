using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace ChatApi.Tests.Scripted;

/// <summary>The two examples of docs/scripted-answers.md, run with the official OpenAI .NET SDK over a real socket.</summary>
public sealed class ScriptedSdkTests
{
    const string AgentLoopRules = """
        rules:
          - name: final answer once the tool result is back
            match:
              lastMessageRole: tool
            answer:
              content: "It is 18 °C and sunny in Paris."
          - name: ask for the weather tool
            match:
              lastUserMessage: '(?i)weather in (\w+)'
            answer:
              toolCalls:
                - name: get_weather
                  arguments: { city: Paris, unit: celsius }
        """;

    const string RetryRules = """
        rules:
          - name: first request is rate limited
            times: 1
            answer:
              error: { status: 429, retryAfter: 1 }
          - name: the retry succeeds
            answer:
              content: "Succeeded after a retry."
        """;

    [Fact]
    public async Task Sdk_AgentLoop_ToolCallThenFinalAnswer()
    {
        await using var rules = RulesFileFixture.Yaml(AgentLoopRules);
        var chat = ChatClientFor(rules.App.StartOnLoopback());
        var ct = TestContext.Current.CancellationToken;
        var options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool("get_weather", "Current weather for a city", BinaryData.FromString("""
                    { "type": "object", "properties": { "city": { "type": "string" }, "unit": { "type": "string" } }, "required": ["city"] }
                    """)),
            },
        };
        List<ChatMessage> messages = [new UserChatMessage("What's the weather in Paris?")];

        ChatCompletion first = await chat.CompleteChatAsync(messages, options, ct);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        using var arguments = JsonDocument.Parse(call.FunctionArguments);
        Assert.Equal("Paris", arguments.RootElement.GetProperty("city").GetString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, """{"temperature":18,"sky":"sunny"}"""));
        ChatCompletion second = await chat.CompleteChatAsync(messages, options, ct);

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal("It is 18 °C and sunny in Paris.", Assert.Single(second.Content).Text);
        Assert.True(second.Usage.InputTokenCount > first.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Sdk_RateLimitedOnce_SdkRetriesAfterRetryAfterAndSucceeds()
    {
        await using var rules = RulesFileFixture.Yaml(RetryRules);
        var chat = ChatClientFor(rules.App.StartOnLoopback());

        var clock = Stopwatch.StartNew();
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hello!")], cancellationToken: TestContext.Current.CancellationToken);
        clock.Stop();

        Assert.Equal("Succeeded after a retry.", Assert.Single(completion.Content).Text);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Sdk_RateLimitedWithoutRetries_SurfacesThe429()
    {
        await using var rules = RulesFileFixture.Yaml(RetryRules);
        var chat = ChatClientFor(rules.App.StartOnLoopback(), new ClientRetryPolicy(maxRetries: 0));

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            chat.CompleteChatAsync([new UserChatMessage("Hello!")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(429, error.Status);
        Assert.Contains("rate_limit_exceeded", error.Message);
        Assert.Equal("1", error.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var retryAfter) == true ? retryAfter : null);
    }

    static ChatClient ChatClientFor(Uri server, ClientRetryPolicy? retryPolicy = null)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(server, "v1") };
        if (retryPolicy is not null)
            options.RetryPolicy = retryPolicy;
        return new ChatClient("gpt-4o", new ApiKeyCredential("sk-test"), options);
    }
}
