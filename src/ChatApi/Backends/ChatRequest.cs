using System.Text.Json;
using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>
/// A create-chat-completion request: the body exactly as the client sent it, and its typed view. A relaying backend
/// forwards <see cref="Body"/>; the built-in backend and validation read <see cref="Typed"/>.
/// </summary>
public sealed class ChatRequest(ReadOnlyMemory<byte> body, CreateChatCompletionRequest typed)
{
    JsonElement? _json;

    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>The typed view. For a relayed request whose vendor fields do not fit the records, only what ChatApi reads itself.</summary>
    public CreateChatCompletionRequest Typed { get; } = typed;

    /// <summary>The body parsed, on first use.</summary>
    public JsonElement Json => _json ??= JsonDocument.Parse(Body).RootElement;

    /// <summary>A request built in code (e.g. translated from another API): its body is the typed view serialized.</summary>
    public static ChatRequest FromTyped(CreateChatCompletionRequest typed) =>
        new(JsonSerializer.SerializeToUtf8Bytes(typed, ChatApiJsonContext.Default.CreateChatCompletionRequest), typed);
}
