using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses.Events;

namespace ChatApi.Responses.Streaming;

/// <summary>Writes Responses events as OpenAI does: <c>event: {type}</c>, <c>data: {json}</c>, a blank line; no <c>[DONE]</c>.</summary>
public static class ResponseSseWriter
{
    static readonly byte[] EventPrefix = "event: "u8.ToArray();
    static readonly byte[] DataPrefix = "\ndata: "u8.ToArray();
    static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one event and returns its size in bytes.</summary>
    public static long Write(HttpResponse response, ResponseStreamEvent e)
    {
        var body = response.BodyWriter;
        body.Write(EventPrefix);
        var typeLength = Encoding.UTF8.GetBytes(e.Type, body.GetSpan(Encoding.UTF8.GetMaxByteCount(e.Type.Length)));
        body.Advance(typeLength);
        body.Write(DataPrefix);
        using var writer = new Utf8JsonWriter(body, WriterOptions);
        JsonSerializer.Serialize(writer, e, e.GetType(), ChatApiJson.Options);
        writer.Flush();
        body.Write(EventEnd);
        return EventPrefix.Length + typeLength + DataPrefix.Length + writer.BytesCommitted + EventEnd.Length;
    }
}
