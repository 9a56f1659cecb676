using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary>Writes an <see cref="EmbeddingVector"/> as a JSON array of numbers or as its base64 string; reads both back.</summary>
public sealed class EmbeddingVectorConverter : JsonConverter<EmbeddingVector>
{
    public override EmbeddingVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new EmbeddingVector(null, reader.GetString());
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("An embedding is an array of numbers or a base64 string.");
        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            values.Add(reader.GetSingle());
        return new EmbeddingVector([.. values], null);
    }

    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        if (value.Base64 is { } base64)
        {
            writer.WriteStringValue(base64);
            return;
        }
        writer.WriteStartArray();
        foreach (var x in value.Floats ?? [])
            writer.WriteNumberValue(x);
        writer.WriteEndArray();
    }
}
