using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>A stable number from everything that decides a reply: model, messages, seed and choice index.</summary>
public static class GenerationSeed
{
    public static int For(CreateChatCompletionRequest request, int choiceIndex)
    {
        var messages = JsonSerializer.Serialize(request.Messages, ChatApiJsonContext.Default.IReadOnlyListChatCompletionRequestMessage);
        var key = $"{request.Model}\n{request.Seed}\n{choiceIndex}\n{messages}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return BitConverter.ToInt32(hash, 0);
    }
}
