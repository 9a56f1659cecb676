namespace ChatApi.Tests.Scripted;

/// <summary>A rules file in its own temp directory, and a server reading it.</summary>
public sealed class RulesFileFixture : IAsyncDisposable
{
    readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"chatapi-rules-{Guid.NewGuid():N}");

    public RulesFileFixture(string fileName, string text)
    {
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, fileName);
        Write(text);
        App = new ChatApiFactory(new() { ["Scripted:RulesPath"] = Path });
    }

    public string Path { get; }

    public ChatApiFactory App { get; }

    public static RulesFileFixture Yaml(string text) => new("rules.yaml", text);

    public static RulesFileFixture Json(string text) => new("rules.json", text);

    public void Write(string text) => File.WriteAllText(Path, text);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
