using System.Security.Cryptography;

namespace ChatApi.Backends;

/// <summary>Ids shaped like OpenAI's: a prefix and random letters and digits (request ids: 32 hex digits).</summary>
public static class CompletionIds
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // 248 = 4 × 62: bytes below it map onto the alphabet evenly, the rest are dropped.
    const int Unbiased = 248;

    public static string NewCompletionId() => "chatcmpl-" + RandomSuffix(29);

    public static string NewToolCallId() => "call_" + RandomSuffix(24);

    /// <summary>Responses ids: a prefix (<c>resp_</c>, <c>msg_</c>, <c>fc_</c>, <c>rs_</c>) and 48 hex digits, as OpenAI's.</summary>
    public static string NewHexId(string prefix) => string.Create(prefix.Length + 48, prefix, static (chars, prefix) =>
    {
        Span<byte> random = stackalloc byte[24];
        FillRandom(random);
        prefix.CopyTo(chars);
        Convert.TryToHexStringLower(random, chars[prefix.Length..], out _);
    });

    // Asked once per HTTP request, so built in place: "req_" and 32 hex digits.
    public static string NewRequestId() => string.Create(36, 0, static (chars, _) =>
    {
        Span<byte> random = stackalloc byte[16];
        FillRandom(random);
        "req_".CopyTo(chars);
        Convert.TryToHexStringLower(random, chars[4..], out _);
    });

    static string RandomSuffix(int length) => string.Create(length, 0, static (chars, _) =>
    {
        Span<byte> random = stackalloc byte[32];
        var filled = 0;
        while (filled < chars.Length)
        {
            FillRandom(random);
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

    // Each call into the system RNG (OpenSSL) costs an interop round trip and a getpid, about 3 % of a store:false
    // request at two ids per request; a per-thread pool of the same cryptographic bytes makes it one call per 4 KB.
    const int PoolSize = 4096;
    [ThreadStatic] static byte[]? t_pool;
    [ThreadStatic] static int t_next;

    static void FillRandom(Span<byte> destination)
    {
        if (t_pool is null || t_next + destination.Length > PoolSize)
        {
            t_pool ??= new byte[PoolSize];
            RandomNumberGenerator.Fill(t_pool);
            t_next = 0;
        }
        t_pool.AsSpan(t_next, destination.Length).CopyTo(destination);
        t_next += destination.Length;
    }
}
