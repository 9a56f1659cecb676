namespace ChatApi.Backends.Scripted;

public static class ScriptedSetup
{
    /// <summary>Scripted answers from the rules file at <c>Scripted:RulesPath</c>; nothing changes when it is not set.</summary>
    public static IServiceCollection AddScriptedAnswers(this IServiceCollection services)
    {
        services.AddOptions<ScriptedOptions>().BindConfiguration("Scripted");
        services.AddHttpContextAccessor();
        services.AddSingleton<ScriptedRules>();
        services.AddSingleton<ScriptedAnswers>();
        services.AddHostedService<ScriptedRulesLoader>();
        return services;
    }
}
