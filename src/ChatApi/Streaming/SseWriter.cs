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

    public static async Task WriteDoneAsync(HttpResponse response, CancellationToken ct)
    {
        response.BodyWriter.Write(Done);
        await response.BodyWriter.FlushAsync(ct);
    }
}
