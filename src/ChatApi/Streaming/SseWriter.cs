using System.Buffers;
using System.Text.Json;
using ChatApi.Contracts;

namespace ChatApi.Streaming;

/// <summary>Writes chunks as server-sent events, flushing each, and ends with <c>data: [DONE]</c>.</summary>
public static class SseWriter
{
    static readonly byte[] DataPrefix = "data: "u8.ToArray();
    static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public static void Start(HttpResponse response)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    public static async Task WriteAsync(HttpResponse response, ChatCompletionChunk chunk, CancellationToken ct)
    {
        var body = response.BodyWriter;
        body.Write(DataPrefix);
        using (var writer = new Utf8JsonWriter(body))
            JsonSerializer.Serialize(writer, chunk, ChatApiJsonContext.Default.ChatCompletionChunk);
        body.Write(EventEnd);
        await body.FlushAsync(ct);
    }

    public static async Task WriteDoneAsync(HttpResponse response, CancellationToken ct)
    {
        response.BodyWriter.Write(Done);
        await response.BodyWriter.FlushAsync(ct);
    }
}
