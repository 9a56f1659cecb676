using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChatApi.Backends.Recording;

/// <summary>
/// The key of a cassette: a hash of the endpoint and the request's canonical JSON. Canonical means object members in
/// ordinal order, numbers in one form (<c>1.0</c>, <c>1e0</c> and <c>1</c> are the same), members whose value is
/// <c>null</c> dropped (null is the default), and <see cref="IgnoredFields"/> left out: they do not change the answer.
/// </summary>
public static class CassetteKey
{
    /// <summary>Dotted paths of the fields outside the key.</summary>
    public static readonly IReadOnlyList<string> IgnoredFields =
    [
        "user",                                 // an end-user id for abuse monitoring
        "safety_identifier",                    // user's successor
        "metadata",                             // tags for the stored copy
        "store",                                // whether a copy is stored
        "prompt_cache_key",                     // a cache-routing hint
        "stream_options.include_obfuscation",   // random padding on stream events
    ];

    /// <summary>Hex characters of the SHA-256 kept: 64 bits, ample for a test suite's requests and short in a file name.</summary>
    const int Length = 16;

    public static string Compute(string endpoint, JsonElement request)
    {
        // A stored chat stream is the exception to store not mattering: ChatApi asks an upstream for the usage chunk then.
        var storedStream = endpoint == CassetteEndpoints.ChatCompletions && IsTrue(request, "stream") && IsTrue(request, "store") ? "\nstored stream" : "";
        var canonical = Encoding.UTF8.GetBytes(endpoint + storedStream + "\n" + Canonical(request));
        return Convert.ToHexStringLower(SHA256.HashData(canonical))[..Length];
    }

    static bool IsTrue(JsonElement request, string name) =>
        request.ValueKind == JsonValueKind.Object && request.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static string Canonical(JsonElement request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(writer, request, "");
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void Write(Utf8JsonWriter writer, JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    var memberPath = path.Length == 0 ? member.Name : path + "." + member.Name;
                    if (member.Value.ValueKind == JsonValueKind.Null || IgnoredFields.Contains(memberPath) || OnlyIgnored(member.Value, memberPath))
                        continue;
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value, memberPath);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                    Write(writer, item, path + "[]");
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(element.GetRawText()), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary><c>"stream_options": {"include_obfuscation": false}</c> is as good as no stream options.</summary>
    static bool OnlyIgnored(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object
        && value.EnumerateObject().Any()
        && value.EnumerateObject().All(m => m.Value.ValueKind == JsonValueKind.Null || IgnoredFields.Contains(path + "." + m.Name));

    static string CanonicalNumber(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return whole.ToString(CultureInfo.InvariantCulture);
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
