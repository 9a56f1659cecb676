using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace ChatApi.Tests.Infrastructure;

/// <summary>The server in-process, on its own SQLite file that is deleted afterwards.</summary>
public sealed class ChatApiFactory : WebApplicationFactory<Program>
{
    readonly Dictionary<string, string?> _settings;
    readonly Action<IServiceCollection>? _services;

    /// <param name="services">replaces services after the server's own, e.g. a FakeTimeProvider</param>
    public ChatApiFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), $"chatapi-test-{Guid.NewGuid():N}.db");
        _services = services;
        // No keys file: a developer's src/ChatApi/chatapi-keys.json must not turn keys on for every test.
        _settings = new Dictionary<string, string?> { ["ConnectionStrings:ChatApi"] = $"Data Source={DatabasePath}", ["Auth:KeysFile"] = "" };
        foreach (var (key, value) in settings ?? [])
            _settings[key] = value;
    }

    public string DatabasePath { get; }

    /// <summary>Serves on a real 127.0.0.1 socket (for the official SDKs) and returns the base address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is not null)
            builder.ConfigureTestServices(_services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(DatabasePath + suffix);
    }
}
