using System.Text.Json;
using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>
/// A create-chat-completion request: the body exactly as the client sent it, and its typed view. A relaying backend
/// forwards <see cref="Body"/>; the built-in backend and validation read <see cref="Typed"/>.
/// </summary>
public sealed class ChatRequest
{
    ReadOnlyMemory<byte>? _body;
    readonly Func<CreateChatCompletionRequest, byte[]>? _serialize;
    JsonElement? _json;

    public ChatRequest(ReadOnlyMemory<byte> body, CreateChatCompletionRequest typed)
    {
        _body = body;
        Typed = typed;
    }

    /// <summary>A request built in code (e.g. translated from another API): its body is the typed view serialized, when a backend asks for it.</summary>
    public ChatRequest(CreateChatCompletionRequest typed, Func<CreateChatCompletionRequest, byte[]> serialize)
    {
        Typed = typed;
        _serialize = serialize;
    }

    public ReadOnlyMemory<byte> Body => _body ??= _serialize!(Typed);

    /// <summary>The typed view. For a relayed request whose vendor fields do not fit the records, only what ChatApi reads itself.</summary>
    public CreateChatCompletionRequest Typed { get; }

    /// <summary>The body parsed, on first use.</summary>
    public JsonElement Json => _json ??= JsonDocument.Parse(Body).RootElement;

    public static ChatRequest FromTyped(CreateChatCompletionRequest typed) =>
        new(typed, t => JsonSerializer.SerializeToUtf8Bytes(t, ChatApiJsonContext.Default.CreateChatCompletionRequest));
}
