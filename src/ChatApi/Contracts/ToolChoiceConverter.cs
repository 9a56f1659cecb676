using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

public sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    public override ToolChoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new ToolChoice { Mode = reader.GetString() },
            JsonTokenType.StartObject => new ToolChoice { Object = JsonElement.ParseValue(ref reader) },
            _ => throw new JsonException("Expected a string or an object."),
        };

    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.Object is { } o)
            o.WriteTo(writer);
        else
            writer.WriteStringValue(value.Mode);
    }
}
