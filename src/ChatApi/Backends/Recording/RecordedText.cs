using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Backends.Recording;

/// <summary>
/// A body or event data in a cassette: as JSON (readable, diffs well) when writing that JSON back in one of the
/// common layouts gives the very same text, otherwise as a string. Either way reading it back gives the exact text.
/// </summary>
public static class RecordedText
{
    const string Compact = "compact";
    const string Indented = "indented";

    public static JsonObject ToNode(string text)
    {
        var trimmed = text.TrimEnd();
        var trailer = text[trimmed.Length..];
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
        }

        foreach (var layout in new[] { Compact, Indented })
        {
            if (json is null || Write(json, layout) != trimmed)
                continue;
            var node = new JsonObject { ["json"] = json };
            if (layout != Compact)
                node["layout"] = layout;
            if (trailer.Length > 0)
                node["trailer"] = trailer;
            return node;
        }
        return new JsonObject { ["text"] = text };
    }

    public static string FromNode(JsonNode? node)
    {
        if (node is not JsonObject recorded)
            throw new InvalidDataException("expected an object with \"json\" or \"text\".");
        if (recorded["text"] is { } text)
            return text.GetValue<string>();
        if (!recorded.ContainsKey("json"))
            throw new InvalidDataException("expected an object with \"json\" or \"text\".");
        var layout = recorded["layout"]?.GetValue<string>() ?? Compact;
        return Write(recorded["json"], layout) + (recorded["trailer"]?.GetValue<string>() ?? "");
    }

    static string Write(JsonNode? json, string layout)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = layout == Indented,
            NewLine = "\n",
        }))
        {
            if (json is null)
                writer.WriteNullValue();
            else
                json.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
