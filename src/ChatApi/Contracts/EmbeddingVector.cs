using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ChatApi.Contracts;

/// <summary>An embedding as it goes on the wire: the floats, or (for <c>encoding_format: "base64"</c>) their bytes in base64.</summary>
public sealed record EmbeddingVector(float[]? Floats, string? Base64)
{
    public const string FloatFormat = "float";
    public const string Base64Format = "base64";

    public static EmbeddingVector Encode(float[] values, string? format) =>
        format == Base64Format ? new(null, ToBase64(values)) : new(values, null);

    /// <summary>Little-endian float32 bytes, as OpenAI sends them and its SDKs decode them.</summary>
    static string ToBase64(float[] values)
    {
        if (BitConverter.IsLittleEndian)
            return Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return Convert.ToBase64String(bytes);
    }
}
