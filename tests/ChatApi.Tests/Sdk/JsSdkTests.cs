using System.Text.RegularExpressions;

namespace ChatApi.Tests.Sdk;

/// <summary>Runs tests/sdk-js (the official <c>openai</c> npm package under <c>node --test</c>) against ChatApi on loopback.</summary>
public sealed partial class JsSdkTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task NodeSdkSuite_AgainstLoopbackServer_Passes()
    {
        var ct = TestContext.Current.CancellationToken;
        if (ExternalProcess.Find("node") is not { } node)
        {
            ExternalRequirement.Missing("Node.js is not installed (node is not on PATH), so the openai npm SDK suite cannot run");
            return;
        }
        await EnsurePackagesAsync(ct);
        await using var app = new ChatApiFactory();
        var baseUri = app.StartOnLoopback();

        var (exitCode, output) = await ExternalProcess.RunAsync(
            node, "--test", RepoPaths.SdkJs, new Dictionary<string, string> { ["CHATAPI_BASE_URL"] = baseUri.ToString() }, Limit, ct);

        Assert.True(exitCode == 0, $"node --test exited {exitCode}:\n{output}");
        var ran = TestCount().Match(output);
        Assert.True(ran.Success && int.Parse(ran.Groups[1].Value) > 0, $"node --test ran no test:\n{output}");
    }

    static async Task EnsurePackagesAsync(CancellationToken ct)
    {
        if (Directory.Exists(Path.Combine(RepoPaths.SdkJs, "node_modules", "openai")) && Directory.Exists(Path.Combine(RepoPaths.SdkJs, "node_modules", "@openai", "agents")))
            return;
        if (ExternalProcess.Find("npm") is not { } npm)
        {
            ExternalRequirement.Missing("npm is not installed, so tests/sdk-js cannot install the openai package");
            return;
        }
        var (exitCode, output) = await ExternalProcess.RunAsync(npm, "ci --no-audit --no-fund", RepoPaths.SdkJs, new Dictionary<string, string>(), Limit, ct);
        Assert.True(exitCode == 0, $"npm ci exited {exitCode}:\n{output}");
    }

    [GeneratedRegex(@"^# tests (\d+)$", RegexOptions.Multiline)]
    private static partial Regex TestCount();
}
