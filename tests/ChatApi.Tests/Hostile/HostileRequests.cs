using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace ChatApi.Tests.Hostile;

/// <summary>One request as the fuzzer sends it: raw body bytes and the Content-Type header as written.</summary>
public sealed record HostileRequest(byte[] Body, string ContentType, string Why)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        return $"{Why} | {ContentType} | {(text.Length > 600 ? text[..600] + "…" : text)}";
    }
}

/// <summary>
/// Random and mutated create-completion requests: valid requests of every shape (tools, schemas, history with tool calls,
/// logprobs, streams, stored), then wrong types, nulls, deep nesting, huge numbers, hostile schema keywords, bad UTF-8 bytes
/// and odd content types put in at random places.
/// </summary>
public static class HostileRequests
{
    const string Schema = """
        {"type":"object","properties":{"city":{"type":"string","maxLength":20},"days":{"type":"integer","minimum":1,"maximum":10},
         "tags":{"type":"array","items":{"type":"string"},"minItems":1},"unit":{"enum":["c","f"]},"next":{"$ref":"#/$defs/leaf"}},
         "required":["city","days","tags","unit","next"],"additionalProperties":false,
         "$defs":{"leaf":{"type":"object","properties":{"n":{"type":"number","multipleOf":0.5}},"required":["n"],"additionalProperties":false}}}
        """;

    static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };

    static readonly Func<JsonObject>[] Templates =
    [
        () => new JsonObject { ["model"] = "gpt-4o", ["messages"] = new JsonArray(Message("user", "Hello there")) },
        () => new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["messages"] = new JsonArray(Message("system", "Be brief."), Message("user", "What is the weather in Paris? Use get_weather.")),
            ["tools"] = new JsonArray(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "get_weather", ["strict"] = true, ["parameters"] = JsonNode.Parse(Schema) },
            }),
            ["tool_choice"] = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_weather" } },
        },
        () => new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(Message("user", "Give me json")),
            ["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = "weather", ["strict"] = true, ["schema"] = JsonNode.Parse(Schema) },
            },
        },
        () => new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(
                Message("user", "Weather?"),
                new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "call_1", ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = "{\"city\":\"Paris\"}" },
                    }),
                },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = "sunny" }),
            ["tools"] = new JsonArray(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "get_weather", ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""") },
            }),
        },
        () => new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Describe" },
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "https://example.com/a.png" } }),
            }),
            ["logprobs"] = true, ["top_logprobs"] = 3, ["n"] = 2, ["stop"] = new JsonArray("zzz", "qqq"), ["seed"] = 7,
            ["logit_bias"] = new JsonObject { ["50256"] = -100 },
        },
        () => new JsonObject
        {
            ["model"] = "gpt-4o", ["stream"] = true, ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["messages"] = new JsonArray(Message("user", "Write 30 tokens")), ["max_completion_tokens"] = 20,
        },
        () => new JsonObject
        {
            ["model"] = "gpt-4o", ["store"] = true, ["metadata"] = new JsonObject { ["suite"] = "fuzz" },
            ["messages"] = new JsonArray(Message("developer", "Be kind."), Message("user", "Hi")),
            ["temperature"] = 0.5, ["top_p"] = 0.9, ["service_tier"] = "auto", ["user"] = "u1",
        },
    ];

    /// <summary>Values that break assumptions: wrong types, nulls, extremes, deep nesting, markup.</summary>
    static readonly Func<JsonNode?>[] Hostile =
    [
        () => null, () => 0, () => 5, () => -1, () => 1.5, () => true, () => "", () => "x", () => new JsonArray(), () => new JsonObject(),
        () => new JsonArray((JsonNode?)null), () => new JsonArray(5), () => new JsonArray(0), () => new JsonArray("a", 5),
        () => JsonNode.Parse("1e19"), () => JsonNode.Parse("-1e19"), () => JsonNode.Parse("1e-300"), () => JsonNode.Parse("1e308"),
        () => JsonNode.Parse("9223372036854775808"), () => JsonNode.Parse("-0"), () => 2147483648L,
        () => "<img src=x onerror=alert(1)>", () => new string('a', 5000), () => "\u0000\u202e\uffff",
        () => Nest(200), () => Nest(40), () => JsonNode.Parse("""{"type":"object","properties":{"a":{"$ref":"#"}},"required":["a"]}"""),
        () => JsonNode.Parse("""{"type":[]}"""), () => JsonNode.Parse("""{"type":[5]}"""), () => JsonNode.Parse("""{"enum":0}"""),
        () => JsonNode.Parse("""{"$ref":5}"""), () => JsonNode.Parse("""{"$ref":"#/nope"}"""), () => JsonNode.Parse("""{"format":5}"""),
        () => JsonNode.Parse("""{"type":"array","minItems":1000,"items":{"type":"array","minItems":1000}}"""),
        () => JsonNode.Parse("""{"type":"string","maxLength":-1,"minLength":1e19}"""),
        () => JsonNode.Parse("""{"type":"integer","minimum":1e19,"maximum":-1e19,"multipleOf":1e-300}"""),
        () => JsonNode.Parse("""{"type":"number","minimum":10,"maximum":1,"multipleOf":0}"""),
        () => JsonNode.Parse("""{"type":"object","properties":{"a":{}},"required":[0]}"""),
        () => JsonNode.Parse("""{"type":"object","properties":[],"required":"a","additionalProperties":5}"""),
        () => JsonNode.Parse("""{"anyOf":5,"allOf":[5,null],"oneOf":[],"items":5,"prefixItems":{}}"""),
        () => JsonNode.Parse("""{"type":"function","function":{"name":5}}"""),
        () => JsonNode.Parse("""{"type":"function","function":null}"""),
        () => JsonNode.Parse("""{"type":"allowed_tools","allowed_tools":{"mode":5,"tools":[null,{"function":5}]}}"""),
    ];

    // Keywords of a schema that the fuzzer sets to hostile values.
    static readonly string[] SchemaKeywords =
    [
        "type", "enum", "const", "$ref", "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "required", "properties", "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
        "anyOf", "oneOf", "allOf", "additionalProperties", "$defs", "definitions",
    ];

    static readonly string[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-8", "application/json; charset=nope",
        "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded",
        "application/json;;;", "application/merge-patch+json", "", "application/json; charset=\"utf-8\"", "multipart/form-data; boundary=x",
    ];

    static JsonNode Nest(int depth)
    {
        JsonNode node = 1;
        for (var i = 0; i < depth; i++)
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        return node;
    }

    /// <summary>Every node of the tree with a way to replace or remove it; the root is left out.</summary>
    static List<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode root)
    {
        var slots = new List<(JsonNode, string?, int)>();
        void Walk(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToList())
                    {
                        slots.Add((o, key, -1));
                        if (child is not null)
                            Walk(child);
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        slots.Add((a, null, i));
                        if (a[i] is { } child)
                            Walk(child);
                    }
                    break;
            }
        }
        Walk(root);
        return slots;
    }

    static void Mutate(JsonObject root, uint pick, uint kind, uint value, StringBuilder why)
    {
        var slots = Slots(root);
        if (slots.Count == 0)
            return;
        var (parent, key, index) = slots[(int)(pick % (uint)slots.Count)];
        var hostile = Hostile[value % (uint)Hostile.Length]();
        var where = key ?? $"[{index}]";
        switch (kind % 4)
        {
            case 0 when parent is JsonObject o:
                o.Remove(key!);
                why.Append($"remove {where}; ");
                break;
            case 1 when parent is JsonObject o && o[key!] is JsonObject schemaLike:
                var keyword = SchemaKeywords[value % (uint)SchemaKeywords.Length];
                schemaLike[keyword] = Hostile[(value / 7) % (uint)Hostile.Length]();
                why.Append($"{where}.{keyword} = hostile; ");
                break;
            case 2 when parent is JsonObject o:
                o[$"{key}"] = hostile;
                why.Append($"{where} = {Short(hostile)}; ");
                break;
            case 3 when parent is JsonObject o:
                o[$"x_{value % 5}"] = hostile;
                why.Append($"add x_{value % 5}; ");
                break;
            default:
                if (parent is JsonArray a)
                {
                    a[index] = hostile;
                    why.Append($"{where} = {Short(hostile)}; ");
                }
                break;
        }
    }

    static string Short(JsonNode? node) => node?.ToJsonString() is { } s ? s.Length > 30 ? s[..30] + "…" : s : "null";

    /// <summary>Byte-level damage: an invalid UTF-8 byte inside a string, a truncation, or a stray byte.</summary>
    static byte[] Damage(byte[] body, uint kind, uint at, StringBuilder why)
    {
        if (body.Length == 0)
            return body;
        var position = (int)(at % (uint)body.Length);
        switch (kind % 6)
        {
            case 0:
                var quote = Array.IndexOf(body, (byte)'"', position);
                if (quote < 0)
                    return body;
                why.Append("0xFF in a string; ");
                return [.. body[..(quote + 1)], 0xFF, .. body[(quote + 1)..]];
            case 1:
                why.Append("truncated; ");
                return body[..position];
            case 2:
                why.Append("overlong UTF-8 '/'; ");
                var q = Array.IndexOf(body, (byte)'"', position);
                return q < 0 ? body : [.. body[..(q + 1)], 0xC0, 0xAF, .. body[(q + 1)..]];
            case 3:
                why.Append("lone surrogate escape; ");
                var s = Array.IndexOf(body, (byte)'"', position);
                return s < 0 ? body : [.. body[..(s + 1)], .. "\\ud800"u8.ToArray(), .. body[(s + 1)..]];
            default:
                return body;
        }
    }

    public static Gen<HostileRequest> Any { get; } =
        Gen.Select(Gen.Int[0, Templates.Length - 1], Gen.UInt.Array[0, 4], Gen.Int[0, 99], Gen.UInt, Gen.UInt, Gen.Int[0, ContentTypes.Length - 1])
            .Select((template, mutations, damageOdds, damageKind, damageAt, contentType) =>
            {
                var why = new StringBuilder($"template {template}: ");
                var root = Templates[template]();
                for (var i = 0; i < mutations.Length; i++)
                    Mutate(root, mutations[i], mutations[i] >> 8, mutations[i] >> 16, why);
                var body = Encoding.UTF8.GetBytes(root.ToJsonString());
                if (damageOdds < 15)
                    body = Damage(body, damageKind, damageAt, why);
                var type = damageOdds < 30 ? ContentTypes[contentType] : "application/json";
                return new HostileRequest(body, type, why.ToString());
            });
}
