using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

public sealed class StopConfigurationConverter : JsonConverter<StopConfiguration>
{
    public override StopConfiguration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new StopConfiguration([reader.GetString()!], WasSingleString: true),
            JsonTokenType.StartArray => new StopConfiguration(NestedJson.Deserialize(ref reader, ChatApiJsonContext.Default.IReadOnlyListString) ?? []),
            _ => throw new JsonException("Expected a string or an array of strings."),
        };

    public override void Write(Utf8JsonWriter writer, StopConfiguration value, JsonSerializerOptions options)
    {
        if (value.WasSingleString)
            writer.WriteStringValue(value.Sequences[0]);
        else
            JsonSerializer.Serialize(writer, value.Sequences, ChatApiJsonContext.Default.IReadOnlyListString);
    }
}
