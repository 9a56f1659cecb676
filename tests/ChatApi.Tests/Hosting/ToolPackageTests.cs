using System.Net;
using ChatApi.Tests.Infrastructure;

namespace ChatApi.Tests.Hosting;

/// <summary>
/// <c>dotnet pack</c> → <c>dotnet tool install</c> → <c>chatapi</c>, as a user installs it. Slow (a pack and an install),
/// so one test covers it all.
/// </summary>
public sealed class ToolPackageTests
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    [Fact]
    public async Task PackedTool_InstalledAndRunFromAnyDirectory_ServesWithItsShippedDefaults()
    {
        var work = Directory.CreateTempSubdirectory("chatapi-tool-");
        try
        {
            var ct = TestContext.Current.CancellationToken;
            var packages = Path.Combine(work.FullName, "pack");
            var tools = Path.Combine(work.FullName, "tools");
            var current = Directory.CreateDirectory(Path.Combine(work.FullName, "somewhere")).FullName;
            var environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

            var pack = await ExternalProcess.RunAsync("dotnet", $"pack src/ChatApi -c {Configuration} -o \"{packages}\"", RepoPaths.Root, environment, TimeSpan.FromMinutes(8), ct);
            SkipWhenOffline(pack, "dotnet pack");
            Assert.True(pack.ExitCode == 0, pack.Output);
            Assert.True(File.Exists(Path.Combine(packages, "ChatApi.0.1.0.nupkg")), string.Join(", ", Directory.GetFiles(packages)));

            // Its own package cache, so an older ChatApi 0.1.0 cached on this machine cannot stand in for this one.
            var install = await ExternalProcess.RunAsync("dotnet", $"tool install --tool-path \"{tools}\" --add-source \"{packages}\" ChatApi",
                work.FullName, new Dictionary<string, string>(environment) { ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "nuget") }, TimeSpan.FromMinutes(4), ct);
            SkipWhenOffline(install, "dotnet tool install");
            Assert.True(install.ExitCode == 0, install.Output);

            var port = ServerProcess.FreePort();
            var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "chatapi.exe" : "chatapi");
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>(), environment, ["--urls", $"http://127.0.0.1:{port}"], port, command, current);

            Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy"}}""", (await server.Client.GetJsonAsync("/health/ready")).GetRawText());
            var stored = await server.Client.CreateStoredAsync(new() { ["via"] = "tool" });
            Assert.Equal(stored.GetProperty("id").GetString(), (await server.Client.GetJsonAsync("/v1/chat/completions?metadata[via]=tool")).GetProperty("data")[0].GetProperty("id").GetString());
            using var page = await server.Client.GetAsync("/", ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            // The shipped defaults: the SQLite file in the working directory, EF Core's chatter at Warning.
            Assert.True(File.Exists(Path.Combine(current, "chatapi.db")));
            Assert.DoesNotContain("Executed DbCommand", server.Output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    static void SkipWhenOffline((int ExitCode, string Output) run, string step)
    {
        // NU1301: a package source cannot be reached; NU1101/NU1102: a package is not on any reachable source.
        if (run.ExitCode != 0 && (run.Output.Contains("NU1301") || run.Output.Contains("NU1101") || run.Output.Contains("NU1102")))
            ExternalRequirement.Missing($"{step} needs packages it cannot fetch here: {run.Output[..Math.Min(400, run.Output.Length)]}");
    }
}
