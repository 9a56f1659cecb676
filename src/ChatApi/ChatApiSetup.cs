using ChatApi.Admin;
using ChatApi.Auth;
using ChatApi.Backends;
using ChatApi.Backends.Deterministic;
using ChatApi.Backends.Recording;
using ChatApi.Backends.Scripted;
using ChatApi.Backends.Tokens;
using ChatApi.Backends.Upstream;
using ChatApi.Completions;
using ChatApi.Contracts;
using ChatApi.Embeddings;
using ChatApi.Errors;
using ChatApi.Health;
using ChatApi.Http;
using ChatApi.Limits;
using ChatApi.Models;
using ChatApi.OpenApi;
using ChatApi.Responses;
using ChatApi.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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

        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddSingleton(TimeProvider.System);
        services.AddApiKeys();
        services.AddSingleton<TokenCounter>();
        services.AddOptions<BackendsOptions>().BindConfiguration("Backends").ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackendsOptions>, BackendsOptionsValidator>();
        services.AddSingleton<BackendRouter>();
        services.AddKeyedSingleton<IChatBackend, DeterministicBackend>(BackendNames.Deterministic);
        services.AddKeyedSingleton<IEmbeddingsBackend, DeterministicEmbeddingsBackend>(BackendNames.Deterministic);
        services.AddSingleton<EmbeddingTokenizer>();
        services.AddUpstreamBackends(builder.Configuration);
        services.AddSingleton<RelayNotes>();
        services.AddSingleton<ModelCatalog>();
        services.AddHttpClient();
        services.AddScriptedAnswers();
        services.AddRecording();
        services.AddOptions<DeterministicOptions>().BindConfiguration("Deterministic")
            .Validate(o => o.TimeToFirstTokenMs >= 0 && o.TokensPerSecond >= 0, "Deterministic pacing values must not be negative.").ValidateOnStart();

        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        services.AddOptions<LimitsOptions>().BindConfiguration("Limits")
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.MaxMessages > 0 && o.MaxStringLength > 0 && o.MaxCompletionTokens > 0
                && o.MaxResponseTokens > 0 && o.StalledWriterSeconds > 0, "Limits values must be positive.").ValidateOnStart();

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
        app.UseSecurityHeaders();
        app.UseRequestLog();
        // BadRequestExceptionHandler writes every error; the fallback delegate is required but never reached.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = _ => Task.CompletedTask, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages(StatusCodeErrors.WriteAsync);
        app.UseStopOnShutdown();
        app.UseApiKeys();
        app.UseRequestBodyGuard();

        app.MapOpenApi();
        app.UseSwaggerUI(o => o.SwaggerEndpoint("/openapi/v1.json", "ChatApi v1"));

        app.MapChatApiHealth();
        app.MapChatApiMetrics();
        app.MapCompletions();
        app.MapModels();
        app.MapResponses();
        app.MapAdmin();
        app.MapWebPage();
        app.MapEmbeddings();
        return app;
    }
}
