using System.Net;
using System.Text.RegularExpressions;

namespace ChatApi.Tests.Auth;

/// <summary><c>keys create</c> prints a new key once and keeps only its hash, in the keys file the server reads.</summary>
public sealed class KeysCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeysCreate_PrintsAKeyThatThenWorks()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatapi-keys-{Guid.NewGuid():N}.json");
        var database = Path.Combine(Path.GetTempPath(), $"chatapi-test-{Guid.NewGuid():N}.db");
        try
        {
            var (exitCode, output) = await ExternalProcess.RunAsync("dotnet", $"ChatApi.dll keys create --project red --Auth:KeysFile={file}",
                AppContext.BaseDirectory, new Dictionary<string, string>(), TimeSpan.FromSeconds(60), Ct);

            Assert.Equal(0, exitCode);
            var key = Regex.Match(output, @"^sk-[A-Za-z0-9_-]{40,}$", RegexOptions.Multiline).Value;
            Assert.NotEmpty(key);
            Assert.Contains(file, output);
            var stored = await File.ReadAllTextAsync(file, Ct);
            Assert.DoesNotContain(key, stored);
            Assert.Contains("\"project\": \"red\"", stored);

            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
            {
                ["Auth:KeysFile"] = file,
                ["ConnectionStrings:ChatApi"] = $"Data Source={database}",
            });
            using var with = await server.Client.WithKey(key).GetAsync("/v1/models", Ct);
            using var without = await server.Client.WithKey("sk-" + new string('x', 43)).GetAsync("/v1/models", Ct);
            Assert.Equal(HttpStatusCode.OK, with.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task KeysCreate_WithoutProject_FailsWithUsage()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatapi-keys-{Guid.NewGuid():N}.json");

        var (exitCode, output) = await ExternalProcess.RunAsync("dotnet", $"ChatApi.dll keys create --Auth:KeysFile={file}",
            AppContext.BaseDirectory, new Dictionary<string, string>(), TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(2, exitCode);
        Assert.Contains("--project NAME", output);
        Assert.False(File.Exists(file));
    }
}
