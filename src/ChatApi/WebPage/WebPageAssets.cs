using System.Reflection;
using System.Security.Cryptography;

namespace ChatApi.WebPage;

/// <summary>The page's files, embedded in the assembly (so a packed tool or a single-file binary serves them too), read once.</summary>
internal sealed class WebPageAssets
{
    readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public WebPageAssets()
    {
        var assembly = typeof(WebPageAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
            _assets[name[Prefix.Length..]] = Load(assembly, name);
    }

    const string Prefix = "WebPage/";

    public Asset? Find(string file) => _assets.GetValueOrDefault(file);

    static Asset Load(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".png" => "image/png",
            _ => "application/octet-stream",
        };
        return new Asset(bytes, type, $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
    }

    public sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
