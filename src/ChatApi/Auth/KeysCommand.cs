namespace ChatApi.Auth;

/// <summary>
/// <c>ChatApi keys create --project NAME [--admin]</c>: makes a random key, prints it once on stdout and adds only its
/// SHA-256 to the keys file (<c>Auth:KeysFile</c>, by default <c>chatapi-keys.json</c> in the content root).
/// </summary>
public static class KeysCommand
{
    const string Usage = "usage: keys create (--project NAME | --admin [--project NAME])";

    public static bool Matches(string[] args) => args is ["keys", ..];

    public static int Run(string[] args, WebApplicationBuilder builder, TimeProvider time)
    {
        if (args is not ["keys", "create", .. var options])
            return Fail(Usage);

        string? project = null;
        var admin = false;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--project" when i + 1 < options.Length:
                    project = options[++i].Trim();
                    break;
                case "--admin":
                    admin = true;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('='):
                    break; // a configuration setting such as --Auth:KeysFile=…, already read by the builder
                default:
                    return Fail($"unknown option '{options[i]}'; {Usage}");
            }
        }
        if (string.IsNullOrEmpty(project) && !admin)
            return Fail($"a key needs --project NAME (only an --admin key may have none); {Usage}");
        if (project?.Length > Storage.ProjectScope.MaxProjectLength)
            return Fail($"--project is longer than {Storage.ProjectScope.MaxProjectLength} characters");

        var configured = builder.Configuration[$"{AuthOptions.Section}:{nameof(AuthOptions.KeysFile)}"];
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? AuthOptions.DefaultKeysFile : configured, builder.Environment.ContentRootPath);
        var key = KeyHashes.NewKey();
        KeysFile.Append(path, KeyHashes.Of(key), project, admin, time.GetUtcNow());

        Console.Out.WriteLine(key);
        var what = (admin ? "admin key" : "key") + (project is null ? "" : $" for project '{project}'");
        Console.Error.WriteLine($"Stored the SHA-256 of this {what} in {path}. The key itself is kept nowhere: copy it now. ChatApi reads the file at start-up.");
        return 0;
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine($"keys: {message}");
        return 2;
    }
}
