using System.Security.Cryptography;
using System.Text;

namespace ChatApi.Auth;

internal static class KeyHashes
{
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static byte[] Of(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = key.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        return SHA256.HashData(utf8[..length]);
    }

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    public static byte[]? ParseHex(string? hex)
    {
        if (hex is null || hex.Length != 64)
            return null;
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A new key: <c>sk-</c> and 32 random bytes, base64url.</summary>
    public static string NewKey() => "sk-" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
