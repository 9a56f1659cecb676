using System.Security.Cryptography;
using ChatApi.RateLimits;
using ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace ChatApi.Auth;

/// <summary>
/// Every configured key (<c>Auth:Keys</c> and the keys file), checked once at start-up. Without any, ChatApi is open
/// and keeps to loopback (<see cref="BindingGuard"/>, <see cref="AllowedHostsFilter"/>).
/// </summary>
public sealed class ApiKeys
{
    public ApiKeys(IOptions<AuthOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        var auth = options.Value;
        AllowAnonymous = auth.AllowAnonymous;
        KeysFilePath = string.IsNullOrWhiteSpace(auth.KeysFile) ? null : Path.GetFullPath(auth.KeysFile, environment.ContentRootPath);

        var errors = new List<string>();
        var keys = new List<ApiKey>();
        for (var i = 0; i < auth.Keys.Count; i++)
            Add(keys, errors, $"Auth:Keys:{i}", auth.Keys[i], inKeysFile: false, time);

        if (KeysFilePath is not null)
        {
            if (File.Exists(KeysFilePath))
            {
                var entries = KeysFile.Load(KeysFilePath);
                for (var i = 0; i < entries.Count; i++)
                    Add(keys, errors, $"keys file {KeysFilePath}, entry {i}", entries[i], inKeysFile: true, time);
            }
            else if (auth.KeysFile != AuthOptions.DefaultKeysFile)
            {
                errors.Add($"Auth:KeysFile names {KeysFilePath}, which does not exist.");
            }
        }

        if (errors.Count > 0)
            throw new InvalidOperationException("Invalid API key configuration:\n  " + string.Join("\n  ", errors));
        All = keys;
    }

    public IReadOnlyList<ApiKey> All { get; }

    /// <summary>True when keys are configured: every <c>/v1</c> request then needs one.</summary>
    public bool Enabled => All.Count > 0;

    public bool AllowAnonymous { get; }

    public string? KeysFilePath { get; }

    /// <summary>The key whose hash equals the presented key's, compared in constant time against every key.</summary>
    public ApiKey? Find(ReadOnlySpan<char> presented)
    {
        var hash = KeyHashes.Of(presented);
        ApiKey? found = null;
        foreach (var key in All)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Sha256))
                found = key;
        }
        return found;
    }

    static void Add(List<ApiKey> keys, List<string> errors, string source, ApiKeyOptions entry, bool inKeysFile, TimeProvider time)
    {
        var before = errors.Count;
        byte[]? hash = null;
        if (inKeysFile && entry.Key is not null)
            errors.Add($"{source} holds a key in plain text; the keys file keeps only its SHA-256 (keySha256).");
        else if (entry.Key is not null && entry.KeySha256 is not null)
            errors.Add($"{source} has both Key and KeySha256; give one.");
        else if (entry.Key is not null)
            hash = string.IsNullOrWhiteSpace(entry.Key) ? null : KeyHashes.Of(entry.Key);
        else if (entry.KeySha256 is not null)
            hash = KeyHashes.ParseHex(entry.KeySha256.Trim()) ?? Error(errors, $"{source}:KeySha256 must be 64 hex digits, the SHA-256 of the key's UTF-8 bytes.");
        if (hash is null && errors.Count == before)
            errors.Add($"{source} has neither Key nor KeySha256.");

        var project = entry.Project?.Trim();
        if (string.IsNullOrEmpty(project) && !entry.Admin)
            errors.Add($"{source} has no Project; every key but an Admin one belongs to a project.");
        else if (project?.Length > ProjectScope.MaxProjectLength)
            errors.Add($"{source}:Project is longer than {ProjectScope.MaxProjectLength} characters.");

        Positive(errors, $"{source}:RequestsPerMinute", entry.RequestsPerMinute);
        Positive(errors, $"{source}:TokensPerMinute", entry.TokensPerMinute);
        Positive(errors, $"{source}:MaxConcurrentRequests", entry.MaxConcurrentRequests);

        if (hash is not null && keys.Find(k => k.Sha256.AsSpan().SequenceEqual(hash)) is { } same)
            errors.Add($"{source} is the same key as {same.Source}.");
        if (errors.Count > before)
            return;

        keys.Add(new ApiKey
        {
            Source = source,
            Sha256 = hash!,
            Project = string.IsNullOrEmpty(project) ? ProjectScope.DefaultProject : project,
            Admin = entry.Admin,
            Limits = KeyLimits.For(entry.RequestsPerMinute, entry.TokensPerMinute, entry.MaxConcurrentRequests, time),
        });
    }

    static void Positive(List<string> errors, string name, int? value)
    {
        if (value <= 0)
            errors.Add($"{name} must be a positive whole number, or left out for no limit.");
    }

    static byte[]? Error(List<string> errors, string message)
    {
        errors.Add(message);
        return null;
    }
}
