namespace ChatApi.Auth;

/// <summary>The <c>Auth</c> section: API keys, where hashed keys are kept, and whether an open server may leave loopback.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string DefaultKeysFile = "chatapi-keys.json";

    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>A JSON file of SHA-256 key hashes (written by <c>keys create</c>); relative to the content root; read when it exists.</summary>
    public string? KeysFile { get; set; } = DefaultKeysFile;

    /// <summary>Without keys, lets ChatApi bind addresses other than loopback and answer any Host: an open server on purpose.</summary>
    public bool AllowAnonymous { get; set; }
}
