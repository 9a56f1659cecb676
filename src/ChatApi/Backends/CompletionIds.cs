using System.Security.Cryptography;

namespace ChatApi.Backends;

/// <summary>Ids shaped like OpenAI's: a prefix and 29 random letters and digits.</summary>
public static class CompletionIds
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewCompletionId() => "chatcmpl-" + RandomSuffix(29);

    public static string NewToolCallId() => "call_" + RandomSuffix(24);

    public static string NewRequestId() => "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    static string RandomSuffix(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
