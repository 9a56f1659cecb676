using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Streaming;

/// <summary>
/// Rebuilds a relayed stream's whole completion from its chunks as JSON, so every field the upstream sent is stored,
/// vendor fields included: text fields are appended (<c>content</c>, <c>reasoning_content</c>, tool-call
/// <c>arguments</c>…), arrays of objects with an <c>index</c> are merged by it, other arrays appended, and any other
/// value is the last non-null one sent.
/// </summary>
public sealed class RelayedStreamAssembler
{
    // String fields whose fragments make up one text; any other string keeps its last value (role, ids, names, types).
    static readonly HashSet<string> Appended = ["content", "refusal", "reasoning_content", "reasoning", "thinking", "arguments", "text", "transcript", "data"];

    readonly JsonObject _top = [];
    readonly SortedDictionary<int, JsonObject> _choices = [];

    bool _failed;

    /// <summary>Chunks came, and none was an error event or something other than a chunk: the stream can be stored.</summary>
    public bool Complete => _top.Count > 0 && !_failed;

    /// <summary>The stream carried something that is not a completion chunk; it is not stored as if complete.</summary>
    public void Fail() => _failed = true;

    public void Add(JsonElement chunk)
    {
        if (chunk.ValueKind != JsonValueKind.Object || chunk.TryGetProperty("error", out _))
        {
            Fail();
            return;
        }
        foreach (var field in chunk.EnumerateObject())
        {
            if (field.Name == "choices" && field.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var choice in field.Value.EnumerateArray())
                    AddChoice(choice);
            }
            else if (field.Name != "object")
            {
                SetLast(_top, field.Name, field.Value);
            }
        }
    }

    /// <summary>The completion: the chunks' top-level fields with <c>object: "chat.completion"</c> and each choice's merged delta as its message.</summary>
    public JsonElement Build()
    {
        var completion = new JsonObject();
        foreach (var name in new[] { "id", "object", "created", "model" })
        {
            if (name == "object")
                completion["object"] = "chat.completion";
            else if (_top.TryGetPropertyValue(name, out var value))
                completion[name] = value?.DeepClone();
        }
        completion["choices"] = new JsonArray([.. _choices.Values.Select(c => (JsonNode)c.DeepClone())]);
        foreach (var (name, value) in _top)
        {
            if (!completion.ContainsKey(name))
                completion[name] = value?.DeepClone();
        }
        return JsonSerializer.SerializeToElement(completion);
    }

    void AddChoice(JsonElement choice)
    {
        if (choice.ValueKind != JsonValueKind.Object)
            return;
        var index = choice.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : 0;
        if (!_choices.TryGetValue(index, out var merged))
            _choices[index] = merged = new JsonObject { ["index"] = index, ["message"] = new JsonObject() };

        foreach (var field in choice.EnumerateObject())
        {
            if (field.Name == "delta" && field.Value.ValueKind == JsonValueKind.Object)
                Merge(merged["message"]!.AsObject(), field.Value);
            else if (field.Name == "logprobs" && field.Value.ValueKind == JsonValueKind.Object)
                Merge(Child(merged, "logprobs"), field.Value);
            else if (field.Name != "index")
                MergeField(merged, field.Name, field.Value);
        }
    }

    static void Merge(JsonObject target, JsonElement source)
    {
        foreach (var field in source.EnumerateObject())
            MergeField(target, field.Name, field.Value);
    }

    static void MergeField(JsonObject target, string name, JsonElement value)
    {
        var existing = target[name];
        switch (value.ValueKind)
        {
            case JsonValueKind.String when Appended.Contains(name) && existing is JsonValue text && text.TryGetValue<string>(out var before):
                target[name] = before + value.GetString();
                break;
            case JsonValueKind.Object:
                Merge(existing as JsonObject ?? Child(target, name), value);
                break;
            case JsonValueKind.Array when existing is JsonArray array:
                foreach (var item in value.EnumerateArray())
                {
                    if (IndexOf(item) is { } index && array.OfType<JsonObject>().FirstOrDefault(o => IndexOf(o) == index) is { } same)
                        Merge(same, item);
                    else
                        array.Add(JsonNode.Parse(item.GetRawText()));
                }
                break;
            default:
                SetLast(target, name, value);
                break;
        }
    }

    static void SetLast(JsonObject target, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Null || !target.ContainsKey(name))
            target[name] = JsonNode.Parse(value.GetRawText());
    }

    static JsonObject Child(JsonObject parent, string name)
    {
        var child = new JsonObject();
        parent[name] = child;
        return child;
    }

    static int? IndexOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : null;

    static int? IndexOf(JsonObject item) => item["index"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
}
