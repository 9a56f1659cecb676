using ChatApi.Backends;
using ChatApi.Backends.Deterministic;
using ChatApi.Backends.Scripted;
using ChatApi.Backends.Tokens;
using ChatApi.Backends.Upstream;
using ChatApi.Completions;
using ChatApi.Contracts;
using ChatApi.Embeddings;
using ChatApi.Errors;
using ChatApi.Http;
using ChatApi.Models;
using ChatApi.OpenApi;
using ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace ChatApi;

public static class ChatApiSetup
{
    public static WebApplicationBuilder AddChatApi(this WebApplicationBuilder builder)
    {
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
        services.AddKeyedSingleton<IEmbeddingsBackend, DeterministicEmbeddingsBackend>(BackendNames.Deterministic);
        services.AddSingleton<EmbeddingTokenizer>();
        services.AddUpstreamBackends(builder.Configuration);
        services.AddSingleton<RelayNotes>();
        services.AddSingleton<ModelCatalog>();
        services.AddHttpClient();
        services.AddScriptedAnswers();
        services.AddOptions<DeterministicOptions>().BindConfiguration("Deterministic")
            .Validate(o => o.TimeToFirstTokenMs >= 0 && o.TokensPerSecond >= 0, "Deterministic pacing values must not be negative.").ValidateOnStart();

        services.AddStorage(builder.Configuration);
        return builder;
    }

    public static async Task<WebApplication> MapChatApiAsync(this WebApplication app)
    {
        await app.Services.MigrateStorageAsync();

        app.UseRequestIds();
        // BadRequestExceptionHandler writes every error; the fallback delegate is required but never reached.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = _ => Task.CompletedTask, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages(StatusCodeErrors.WriteAsync);

        app.MapOpenApi();
        app.UseSwaggerUI(o => o.SwaggerEndpoint("/openapi/v1.json", "ChatApi v1"));

        app.MapCompletions();
        app.MapModels();
        app.MapEmbeddings();
        return app;
    }
}
