namespace ChatApi.Backends.Scripted;

/// <summary>Loads the rules file at start-up, so a bad file is reported when the server starts, not at the first request.</summary>
internal sealed class ScriptedRulesLoader(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        services.GetRequiredService<ScriptedRules>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
