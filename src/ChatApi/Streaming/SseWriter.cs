using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatApi.Contracts;

namespace ChatApi.Streaming;

/// <summary>Writes chunks as server-sent events (the caller decides when to flush) and ends with <c>data: [DONE]</c>, flushed.</summary>
public static class SseWriter
{
    static readonly byte[] DataPrefix = "data: "u8.ToArray();
    static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static readonly JsonTypeInfo<ChatCompletionChunk> WithUsage = ChatApiJsonContext.Default.ChatCompletionChunk;

    // OpenAI writes "usage": null on every chunk when include_usage is set, and leaves the field out otherwise.
    static readonly JsonTypeInfo<ChatCompletionChunk> UsageOnlyWhenSet = (JsonTypeInfo<ChatCompletionChunk>)new JsonSerializerOptions(ChatApiJson.Options)
    {
        TypeInfoResolver = ChatApiJsonContext.Default.WithAddedModifier(info =>
        {
            if (info.Type == typeof(ChatCompletionChunk))
                info.Properties.Single(p => p.Name == "usage").ShouldSerialize = static (_, value) => value is not null;
        }),
    }.GetTypeInfo(typeof(ChatCompletionChunk));

    public static void Start(HttpResponse response)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Writes one <c>data:</c> event and returns its size in bytes.</summary>
    public static long Write(HttpResponse response, ChatCompletionChunk chunk, bool includeUsage)
    {
        var body = response.BodyWriter;
        body.Write(DataPrefix);
        using var writer = new Utf8JsonWriter(body, WriterOptions);
        JsonSerializer.Serialize(writer, chunk, includeUsage ? WithUsage : UsageOnlyWhenSet);
        writer.Flush();
        body.Write(EventEnd);
        return DataPrefix.Length + writer.BytesCommitted + EventEnd.Length;
    }

    /// <summary>A typed chunk's data exactly as <see cref="Write"/> writes it (for recording what the client got).</summary>
    public static string Data(ChatCompletionChunk chunk, bool includeUsage)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            JsonSerializer.Serialize(writer, chunk, includeUsage ? WithUsage : UsageOnlyWhenSet);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one <c>data:</c> event with the data exactly as given (a relayed event) and returns its size in bytes.</summary>
    public static long WriteData(HttpResponse response, string data, string? eventType = null)
    {
        var body = response.BodyWriter;
        long length = 0;
        if (eventType is not null)
            length += System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, $"event: {eventType}\n", body);
        // Data of several lines (rare in JSON, but allowed) takes one data: field per line, as it arrived.
        foreach (var line in data.Split('\n'))
        {
            body.Write(DataPrefix);
            length += DataPrefix.Length + System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, line, body) + 1;
            body.Write("\n"u8);
        }
        body.Write("\n"u8);
        return length + 1;
    }

    /// <summary>Writes <c>data: [DONE]</c>; the caller flushes.</summary>
    public static void WriteDone(HttpResponse response) => response.BodyWriter.Write(Done);
}
