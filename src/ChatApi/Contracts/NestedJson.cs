using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatApi.Contracts;

/// <summary>
/// Deserializes a value inside a converter. A nested <see cref="JsonSerializer"/> call knows only its own path (<c>$[0]</c>), so a
/// type error in it is rethrown without a path, which lets the outer serializer fill in where the value sits, and with the
/// inner path in <see cref="InnerPathKey"/> for <c>BadRequestExceptionHandler</c> to append: <c>messages[0].content[0]</c>.
/// </summary>
public static class NestedJson
{
    public const string InnerPathKey = "ChatApi.InnerPath";

    public static T? Deserialize<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(ref reader, type);
        }
        catch (JsonException inner) when (inner.Path is { Length: > 1 } path && inner.InnerException?.GetType().Name != "JsonReaderException")
        {
            var outer = new JsonException(inner.Message, inner);
            outer.Data[InnerPathKey] = path[1..];
            throw outer;
        }
    }
}
