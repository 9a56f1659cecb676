using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>A stable number from everything that decides a reply: model, messages, seed and choice index.</summary>
public static class GenerationSeed
{
    /// <summary>The first four bytes of SHA-256 over the UTF-8 of <c>"{model}\n{seed}\n{choiceIndex}\n{messages as JSON}"</c>.</summary>
    public static int For(CreateChatCompletionRequest request, int choiceIndex)
    {
        // The key is built as UTF-8 in one buffer: no JSON string, no concatenated copy, no second encoding pass.
        var key = new ArrayBufferWriter<byte>(1024);
        Encoding.UTF8.GetBytes($"{request.Model}\n{request.Seed}\n{choiceIndex}\n", key);
        var messages = ChatApiJsonContext.Default.IReadOnlyListChatCompletionRequestMessage;
        using (var json = new Utf8JsonWriter(key, new JsonWriterOptions { Encoder = messages.Options.Encoder, SkipValidation = true }))
            JsonSerializer.Serialize(json, request.Messages, messages);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key.WrittenSpan, hash);
        return BitConverter.ToInt32(hash);
    }
}
