using System.Text.Json;

namespace ChatApi.Backends;

/// <summary>A JSON body exactly as an upstream (or a recording) sent it, and the same parsed for what ChatApi reads.</summary>
public sealed record RelayedJson(ReadOnlyMemory<byte> Bytes, string ContentType, JsonElement Json);
