using System.Security.Cryptography;

namespace ChatApi.Backends;

/// <summary>Ids shaped like OpenAI's: a prefix and 29 random letters and digits.</summary>
public static class CompletionIds
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // 248 = 4 × 62: bytes below it map onto the alphabet evenly, the rest are dropped.
    const int Unbiased = 248;

    public static string NewCompletionId() => "chatcmpl-" + RandomSuffix(29);

    public static string NewToolCallId() => "call_" + RandomSuffix(24);

    // Asked once per HTTP request, so built in place: "req_" and 32 hex digits.
    public static string NewRequestId() => string.Create(36, 0, static (chars, _) =>
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        "req_".CopyTo(chars);
        Convert.TryToHexStringLower(random, chars[4..], out _);
    });

    // One call into the system RNG per id; RandomNumberGenerator.GetString makes one per character.
    static string RandomSuffix(int length) => string.Create(length, 0, static (chars, _) =>
    {
        Span<byte> random = stackalloc byte[64];
        var filled = 0;
        while (filled < chars.Length)
        {
            RandomNumberGenerator.Fill(random);
            foreach (var b in random)
            {
                if (b >= Unbiased)
                    continue;
                chars[filled++] = Alphabet[b % Alphabet.Length];
                if (filled == chars.Length)
                    return;
            }
        }
    });
}
