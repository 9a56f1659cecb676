using ChatApi.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StoreTool;

/// <summary>Creates the schema exactly as the server does: by running ChatApi's migrations.</summary>
internal static class Schema
{
    public static async Task MigrateAsync(string db)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:ChatApi"] = $"Data Source={db}" })
            .Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddStorage(configuration).BuildServiceProvider();
        await services.MigrateStorageAsync();
        await services.DisposeAsync();
    }
}
