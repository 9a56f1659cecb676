using ChatApi.Backends.Scripted;
using ChatApi.Contracts;
using ChatApi.Errors;
using ChatApi.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatApi.Admin;

/// <summary>
/// The admin API for test suites, outside <c>/v1</c>: scripted rules set at run time, and clearing the request journal
/// (<c>Storage:Capture=all</c>) between tests. Open only to loopback clients
/// (see <see cref="LoopbackOnlyFilter"/>).
/// </summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin").WithTags("Admin").RequireAuthorization(Auth.AuthPolicies.Admin).AddEndpointFilter<LoopbackOnlyFilter>();
        group.MapGet("/rules", GetRules).WithName("getRules");
        group.MapPut("/rules", ReplaceRules).WithName("replaceRules");
        group.MapPost("/rules", AppendRules).WithName("appendRules");
        group.MapDelete("/rules", ClearRules).WithName("clearRules");
        group.MapPost("/rules/reset", ResetRules).WithName("resetRules");
        group.MapDelete("/captured", ForgetCaptured).WithName("deleteCaptured");
        return group;
    }

    static JsonHttpResult<RulesFile> GetRules(ScriptedRules rules) => Active(rules.Current);

    static async Task<Results<JsonHttpResult<RulesFile>, BadRequest<ErrorResponse>>> ReplaceRules(
        HttpRequest request, ScriptedRules rules, CancellationToken ct) =>
        await ChangeAsync(request, rules.Replace, ct);

    static async Task<Results<JsonHttpResult<RulesFile>, BadRequest<ErrorResponse>>> AppendRules(
        HttpRequest request, ScriptedRules rules, CancellationToken ct) =>
        await ChangeAsync(request, rules.Append, ct);

    static JsonHttpResult<RulesFile> ClearRules(ScriptedRules rules) => Active(rules.Clear());

    static JsonHttpResult<RulesFile> ResetRules(ScriptedRules rules) => Active(rules.Restart());

    static async Task<Ok<CapturedDeleted>> ForgetCaptured(CompletionStore store, CancellationToken ct) =>
        TypedResults.Ok(new CapturedDeleted { Deleted = await store.ForgetCapturedAsync(ct) });

    static async Task<Results<JsonHttpResult<RulesFile>, BadRequest<ErrorResponse>>> ChangeAsync(
        HttpRequest request, Func<string, RuleSet> change, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
            return OpenAIErrors.BadRequest("The request body is empty: send the rules as JSON, as in a rules file ({\"rules\": [...]}; {\"rules\": []} for none).");
        try
        {
            return Active(change(text));
        }
        catch (InvalidRulesException e)
        {
            return OpenAIErrors.BadRequest(e.Message, e.Param, "invalid_rules");
        }
    }

    static JsonHttpResult<RulesFile> Active(RuleSet rules) => TypedResults.Json(rules.ToFile(), RulesJsonContext.Default.RulesFile);
}
