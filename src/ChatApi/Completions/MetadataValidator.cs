using ChatApi.Errors;
using ChatApi.Contracts;

namespace ChatApi.Completions;

/// <summary>OpenAI's metadata limits: at most 16 pairs, keys up to 64 characters, values up to 512.</summary>
public static class MetadataValidator
{
    public const int MaxPairs = 16;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 512;

    public static Error? Validate(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
            return null;
        if (metadata.Count > MaxPairs)
            return Problems.Invalid("metadata", $"Invalid 'metadata': too many properties. Expected an object with at most {MaxPairs} properties, but got an object with {metadata.Count} properties instead.", "object_above_max_properties");
        foreach (var (key, value) in metadata)
        {
            if (key.Length > MaxKeyLength)
                return Problems.Invalid("metadata", $"Invalid 'metadata': key '{Excerpt.Of(key, 16)}' is too long. Expected keys of at most {MaxKeyLength} characters, but got {key.Length} instead.", "string_above_max_length");
            if (value is null)
                return Problems.Invalid($"metadata.{Excerpt.Of(key)}", $"Invalid type for 'metadata.{Excerpt.Of(key)}': expected a string, but got null instead.", "invalid_type");
            if (value.Length > MaxValueLength)
                return Problems.Invalid($"metadata.{Excerpt.Of(key)}", $"Invalid 'metadata.{Excerpt.Of(key)}': string too long. Expected a string with maximum length {MaxValueLength}, but got a string with length {value.Length} instead.", "string_above_max_length");
        }
        return null;
    }
}
