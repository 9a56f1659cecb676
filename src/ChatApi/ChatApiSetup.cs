using ChatApi.Backends;
using ChatApi.Backends.Deterministic;
using ChatApi.Backends.Scripted;
using ChatApi.Backends.Tokens;
using ChatApi.Backends.Upstream;
using ChatApi.Completions;
using ChatApi.Contracts;
using ChatApi.Errors;
using ChatApi.Health;
using ChatApi.Http;
using ChatApi.Models;
using ChatApi.OpenApi;
using ChatApi.Storage;
using ChatApi.Telemetry;
using ChatApi.WebPage;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ChatApi;

public static class ChatApiSetup
{
    public static WebApplicationBuilder AddChatApi(this WebApplicationBuilder builder)
    {
        builder.AddShippedDefaults();
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(ChatApiJson.Configure);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddOpenApi(o => o.AddSchemaTransformer<OneOfSchemaTransformer>());

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenCounter>();
        services.AddOptions<BackendsOptions>().BindConfiguration("Backends").ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackendsOptions>, BackendsOptionsValidator>();
        services.AddSingleton<BackendRouter>();
        services.AddKeyedSingleton<IChatBackend, DeterministicBackend>(BackendNames.Deterministic);
        services.AddUpstreamBackends(builder.Configuration);
        services.AddSingleton<RelayNotes>();
        services.AddSingleton<ModelCatalog>();
        services.AddHttpClient();
        services.AddScriptedAnswers();
        services.AddOptions<DeterministicOptions>().BindConfiguration("Deterministic")
            .Validate(o => o.TimeToFirstTokenMs >= 0 && o.TokensPerSecond >= 0, "Deterministic pacing values must not be negative.").ValidateOnStart();

        services.AddStorage(builder.Configuration);
        services.AddChatApiHealth(builder.Configuration);
        services.AddChatApiTelemetry(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The appsettings.json shipped beside the binary, under everything else: run as a .NET tool (or a single-file binary)
    /// from any directory, the server keeps its defaults while the working directory holds the database and any own appsettings.json.
    /// </summary>
    static void AddShippedDefaults(this WebApplicationBuilder builder)
    {
        var shipped = AppContext.BaseDirectory;
        if (!File.Exists(Path.Combine(shipped, "appsettings.json"))
            || Path.GetFullPath(builder.Environment.ContentRootPath).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(shipped).TrimEnd(Path.DirectorySeparatorChar))
            return;
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(shipped),
            Path = "appsettings.json",
            Optional = true,
        });
    }

    public static async Task<WebApplication> MapChatApiAsync(this WebApplication app)
    {
        await app.Services.MigrateStorageAsync();

        app.UseRequestIds();
        app.UseRequestLog();
        // BadRequestExceptionHandler writes every error; the fallback delegate is required but never reached.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = _ => Task.CompletedTask, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages(StatusCodeErrors.WriteAsync);

        app.MapOpenApi();
        app.UseSwaggerUI(o => o.SwaggerEndpoint("/openapi/v1.json", "ChatApi v1"));

        app.MapChatApiHealth();
        app.MapChatApiMetrics();
        app.MapCompletions();
        app.MapModels();
        app.MapWebPage();
        return app;
    }
}
