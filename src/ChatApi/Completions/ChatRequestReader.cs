using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Contracts;

namespace ChatApi.Completions;

/// <summary>
/// Reads a create request as bytes and its typed view. A body whose vendor fields do not fit the typed records still
/// reads (a relay forwards it as it is); the type error is kept for routes that need the typed view.
/// </summary>
public static class ChatRequestReader
{
    public static async Task<(ChatRequest Request, JsonException? TypeError)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasJsonContentType())
            throw new BadHttpRequestException(Errors.OpenAIErrors.JsonContentTypeRequired, StatusCodes.Status415UnsupportedMediaType);

        var body = await ReadBodyAsync(http, ct);
        try
        {
            var typed = JsonSerializer.Deserialize(body.Span, ChatApiJsonContext.Default.CreateChatCompletionRequest)
                ?? throw new JsonException("The body is null.", "$", null, null);
            return (new ChatRequest(body, typed), null);
        }
        catch (JsonException typeError)
        {
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException syntax)
            {
                throw new BadHttpRequestException(Errors.OpenAIErrors.UnparsableBody, StatusCodes.Status400BadRequest, syntax);
            }
            return (new ChatRequest(body, LenientTyped(json)), typeError);
        }
    }

    /// <summary>The request body's bytes as sent.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.ContentLength is { } length and <= int.MaxValue)
        {
            var buffer = new byte[length];
            await http.Body.ReadExactlyAsync(buffer, ct);
            return buffer;
        }
        using var copy = new MemoryStream();
        await http.Body.CopyToAsync(copy, ct);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }

    /// <summary>What ChatApi reads itself (routing, storage, usage), each field only where its type fits.</summary>
    static CreateChatCompletionRequest LenientTyped(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            return new CreateChatCompletionRequest();
        return new CreateChatCompletionRequest
        {
            Model = Read(json, "model", ChatApiJsonContext.Default.String),
            Messages = Read(json, "messages", ChatApiJsonContext.Default.IReadOnlyListChatCompletionRequestMessage),
            Store = Read(json, "store", ChatApiJsonContext.Default.NullableBoolean),
            Stream = Read(json, "stream", ChatApiJsonContext.Default.NullableBoolean),
            StreamOptions = Read(json, "stream_options", ChatApiJsonContext.Default.ChatCompletionStreamOptions),
            Metadata = Read(json, "metadata", ChatApiJsonContext.Default.IReadOnlyDictionaryStringString),
            User = Read(json, "user", ChatApiJsonContext.Default.String),
        };
    }

    static T? Read<T>(JsonElement json, string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (!json.TryGetProperty(name, out var value))
            return default;
        try
        {
            return value.Deserialize(type);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
