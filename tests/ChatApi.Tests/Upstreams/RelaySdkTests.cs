using System.ClientModel;
using System.Net;
using ChatApi.Tests.Sdk;
using OpenAI.Chat;

namespace ChatApi.Tests.Upstreams;

/// <summary>The official .NET SDK through ChatApi to a vLLM-shaped upstream: what an application in front of a real model sees.</summary>
public sealed class RelaySdkTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sdk_CompleteAndStreamThroughTheRelay_ReadTheUpstreamsAnswer()
    {
        await using var upstream = await FakeUpstream.StartAsync(
            UpstreamReply.Body(VendorShapes.VllmCompletion),
            UpstreamReply.Events(VendorShapes.VllmStream));
        await using var front = RelayFixture.Front(upstream);
        var chat = SdkClients.Chat(front.StartOnLoopback(), "vendor-llama");

        ChatCompletion whole = await chat.CompleteChatAsync([new UserChatMessage("Capital of France?")], new ChatCompletionOptions { StoredOutputEnabled = true }, Ct);
        var text = "";
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")], new ChatCompletionOptions(), Ct))
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));

        Assert.Equal("Paris.", whole.Content[0].Text);
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", whole.Model);
        Assert.Equal(12, whole.Usage.InputTokenCount);
        Assert.Equal("Hello", text);
        var stored = await chat.GetChatCompletionAsync(whole.Id, Ct);
        Assert.Equal("Paris.", stored.Value.Content[0].Text);
    }

    [Fact]
    public async Task Sdk_UpstreamRateLimit_SurfacesAsTheUpstreamsErrorWithItsHeaders()
    {
        await using var upstream = await FakeUpstream.StartAsync(UpstreamReply.Body(VendorShapes.OpenAIRateLimit, 429, "application/json", ("Retry-After", "20")));
        await using var front = RelayFixture.Front(upstream);
        var chat = SdkClients.Chat(front.StartOnLoopback(), "vendor-llama");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Ct));

        Assert.Equal((int)HttpStatusCode.TooManyRequests, error.Status);
        Assert.Contains("Rate limit reached for gpt-4o.", error.Message);
        Assert.Equal("20", error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter) ? retryAfter : null);
    }
}
