using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

public sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new MessageContent { Text = reader.GetString() },
            JsonTokenType.StartArray => new MessageContent { Parts = NestedJson.Deserialize(ref reader, ChatApiJsonContext.Default.IReadOnlyListContentPart) ?? [] },
            _ => throw new JsonException("Expected a string or an array of content parts."),
        };

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
            JsonSerializer.Serialize(writer, parts, ChatApiJsonContext.Default.IReadOnlyListContentPart);
        else
            writer.WriteStringValue(value.Text);
    }
}
