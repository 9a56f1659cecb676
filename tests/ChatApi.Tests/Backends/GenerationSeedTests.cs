using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatApi.Backends.Deterministic;
using ChatApi.Contracts;

namespace ChatApi.Tests.Backends;

/// <summary>The seed decides every deterministic reply: it must stay the hash of its documented key, or replies change.</summary>
public sealed class GenerationSeedTests
{
    [Theory]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hello!"}]}""", 0)]
    [InlineData("""{"model":"gpt-4o-mini","seed":42,"messages":[{"role":"system","content":"Be <b>brief</b> & \"exact\""},{"role":"user","content":"héllo 🦊 \u0001 'quotes'"}]}""", 3)]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"Look"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},{"role":"tool","tool_call_id":"call_1","content":"42"}]}""", 1)]
    public void For_AnyMessages_IsTheHashOfModelSeedIndexAndMessagesJson(string body, int choiceIndex)
    {
        var request = JsonSerializer.Deserialize<CreateChatCompletionRequest>(body, ChatApiJson.Options)!;
        var messages = JsonSerializer.Serialize(request.Messages, ChatApiJsonContext.Default.IReadOnlyListChatCompletionRequestMessage);
        var expected = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Model}\n{request.Seed}\n{choiceIndex}\n{messages}")));

        Assert.Equal(expected, GenerationSeed.For(request, choiceIndex));
    }
}
