using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Recording;

/// <summary>
/// A temporary cassette directory and ChatApi fronts that record into it or replay from it, each served on a real
/// 127.0.0.1 socket, in front of the <see cref="FakeUpstream"/> as upstream <c>fake</c> (models <c>fake-*</c>).
/// </summary>
public sealed class RecordingRig : IDisposable
{
    public const string UpstreamKey = "sk-upstream-secret-7f3a91";
    public const string ClientKey = "sk-client-secret-c20e55";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"chatapi-cassettes-{Guid.NewGuid():N}");

    public ChatApiFactory Front(Uri upstream, string mode, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Backends:Upstreams:fake:BaseUrl"] = upstream.ToString(),
            ["Backends:Upstreams:fake:ApiKey"] = UpstreamKey,
            ["Backends:Routes:fake-*"] = "fake",
            ["Recording:Mode"] = mode,
            ["Recording:Directory"] = Directory,
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return new ChatApiFactory(settings);
    }

    /// <summary>A client of <paramref name="app"/> over loopback, sending a client key (which must never reach a cassette).</summary>
    public static HttpClient Client(ChatApiFactory app)
    {
        var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientKey);
        return client;
    }

    public static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string path, JsonObject body)
    {
        var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    public string[] CassetteFiles() =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.json", SearchOption.AllDirectories) : [];

    public void AssertNoSecretInAnyCassette()
    {
        foreach (var file in CassetteFiles())
        {
            var text = File.ReadAllText(file);
            foreach (var secret in new[] { UpstreamKey, ClientKey, "secret-cookie", "Bearer", "authorization" })
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{file} contains {secret}");
        }
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
