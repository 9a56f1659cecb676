using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Backends.Upstream;

/// <summary>
/// The client's body as the upstream gets it: every top-level field copied byte for byte, except what ChatApi must
/// change — <c>model</c> for an alias or a deployment's own name, <c>store</c>/<c>metadata</c> removed (ChatApi keeps
/// the log), and <c>stream_options.include_usage: true</c> added to a stream ChatApi stores.
/// </summary>
public static class RelayRequestBody
{
    public static ReadOnlyMemory<byte> Rewrite(ReadOnlyMemory<byte> body, string? model, bool removeStore, bool askUsage)
    {
        var reader = new Utf8JsonReader(body.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return body;

        var buffer = new ArrayBufferWriter<byte>(body.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var sawStreamOptions = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var value = body.Span[start..(int)reader.BytesConsumed];
                switch (name)
                {
                    case "model" when model is not null:
                        writer.WriteString(name, model);
                        break;
                    case "store" or "metadata" when removeStore:
                        break;
                    case "stream_options" when askUsage:
                        sawStreamOptions = true;
                        var options = JsonNode.Parse(value) as JsonObject ?? [];
                        options["include_usage"] = true;
                        writer.WritePropertyName(name);
                        options.WriteTo(writer);
                        break;
                    default:
                        writer.WritePropertyName(name);
                        writer.WriteRawValue(value, skipInputValidation: true);
                        break;
                }
            }
            if (askUsage && !sawStreamOptions)
            {
                writer.WriteStartObject("stream_options");
                writer.WriteBoolean("include_usage", true);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
