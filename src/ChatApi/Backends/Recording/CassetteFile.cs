using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Backends.Recording;

/// <summary>
/// A cassette's file: pretty-printed JSON, members always in the same order, so re-recording the same exchange writes
/// the same bytes and a changed one diffs line by line.
/// </summary>
public static class CassetteFile
{
    public const int Version = 1;

    public static byte[] Write(Cassette cassette)
    {
        var response = new JsonObject
        {
            ["status"] = cassette.Status,
            ["headers"] = new JsonObject([.. cassette.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))]),
        };
        if (cassette.Body is { } body)
            response["body"] = RecordedText.ToNode(body);
        if (cassette.Events is { } events)
            response["events"] = new JsonArray([.. events.Select(Event)]);

        var root = new JsonObject
        {
            ["chatapiCassette"] = Version,
            ["key"] = cassette.Key,
            ["endpoint"] = cassette.Endpoint,
            ["request"] = cassette.Request?.DeepClone(),
            ["response"] = response,
        };

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            root.WriteTo(writer);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a cassette; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static Cassette Read(byte[] bytes)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(bytes) as JsonObject ?? throw new InvalidDataException("the file is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the file is not valid JSON: {e.Message}", e);
        }
        if (root["chatapiCassette"]?.GetValue<int>() != Version)
            throw new InvalidDataException($"the file is not a version {Version} cassette (\"chatapiCassette\": {Version}).");
        var response = root["response"] as JsonObject ?? throw new InvalidDataException("the cassette has no response.");

        return new Cassette
        {
            Key = root["key"]?.GetValue<string>() ?? "",
            Endpoint = root["endpoint"]?.GetValue<string>() ?? "",
            Request = root["request"]?.DeepClone(),
            Status = response["status"]?.GetValue<int>() ?? throw new InvalidDataException("the response has no status."),
            Headers = new SortedDictionary<string, string>(
                (response["headers"] as JsonObject ?? []).ToDictionary(h => h.Key, h => h.Value?.GetValue<string>() ?? ""), StringComparer.Ordinal),
            Body = response["body"] is { } body ? RecordedText.FromNode(body) : null,
            Events = response["events"] is JsonArray events
                ? [.. events.Select(e => new RecordedEvent(e?["delayMs"]?.GetValue<int>() ?? 0, RecordedText.FromNode(e), e?["event"]?.GetValue<string>()))]
                : null,
        };
    }

    static JsonObject Event(RecordedEvent recorded)
    {
        var node = new JsonObject { ["delayMs"] = recorded.DelayMs };
        if (recorded.EventType is { } type)
            node["event"] = type;
        foreach (var (name, value) in RecordedText.ToNode(recorded.Data).ToList())
            node[name] = value?.DeepClone();
        return node;
    }
}
