namespace ChatApi.Auth;

/// <summary>OpenAI's wording for a missing or wrong key, showing at most the presented key's last four characters.</summary>
internal static class ApiKeyMessages
{
    public const string Code = "invalid_api_key";

    public const string Missing =
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

    public const string Malformed =
        "The Authorization header is not of the form 'Bearer YOUR_KEY'. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

    public const string NeedsAdmin = "You have insufficient permissions for this operation: it needs an admin key.";

    public static string Incorrect(ReadOnlySpan<char> presented) => $"Incorrect API key provided: {Masked(presented)}.";

    /// <summary><c>sk-...abcd</c>; a short key, or one with characters a key never has, is not shown at all.</summary>
    internal static string Masked(ReadOnlySpan<char> key)
    {
        if (key.Length < 12 || key.ContainsAnyExcept(KeyCharacters))
            return "***";
        var prefix = key.StartsWith("sk-") ? "sk-" : "";
        return $"{prefix}...{key[^4..]}";
    }

    static readonly System.Buffers.SearchValues<char> KeyCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
}
