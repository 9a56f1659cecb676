using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace ChatApi.Backends.Scripted;

/// <summary>Reads a rules file (JSON, or YAML by extension) and checks every rule before any is used.</summary>
public static partial class RulesParser
{
    /// <param name="firstPosition">The position the first rule takes among the rules in force (rules appended at run time
    /// follow the ones already there); it names unnamed rules in logs. Problems always count from the text's first rule.</param>
    public static RuleSet Parse(string text, string path, int firstPosition = 1)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new InvalidRulesException("The file is empty (write `rules: []` to have no rules).");

        var tree = IsYaml(path) ? ReadYaml(text) : ReadJson(text);
        if (tree is JsonArray)
            tree = new JsonObject { ["rules"] = tree };

        RulesFile? file;
        try
        {
            file = tree.Deserialize(RulesJsonContext.Default.RulesFile);
        }
        catch (JsonException e)
        {
            var param = e.Path?.TrimStart('$', '.');
            throw new InvalidRulesException($"{Where(e.Path)}at {param}: {e.Message}", e, string.IsNullOrEmpty(param) ? null : param);
        }

        var rules = file?.Rules ?? [];
        return new RuleSet([.. rules.Select((rule, index) => Compile(rule, index, firstPosition + index))]);
    }

    /// <summary><c>$.rules[2].answer</c> → <c>Rule 3, </c>, numbered as a reader counts.</summary>
    static string Where(string? path) =>
        RulePath().Match(path ?? "") is { Success: true } match ? $"Rule {int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}, " : "";

    [GeneratedRegex(@"^\$\.rules\[(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex RulePath();

    static bool IsYaml(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml";

    static JsonNode? ReadYaml(string text)
    {
        try
        {
            return YamlToJson.Convert(text);
        }
        catch (YamlException e)
        {
            throw new InvalidRulesException($"Invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
    }

    static JsonNode? ReadJson(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidRulesException($"Invalid JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }
    }

    static CompiledRule Compile(ScriptRule rule, int index, int position)
    {
        var named = $"Rule {index + 1}{(rule.Name is null ? "" : $" ({rule.Name})")}";
        if (Problem(rule) is { } problem)
            throw new InvalidRulesException($"{named}: {problem.Message}", param: $"rules[{index}].{problem.Field}");
        try
        {
            return new CompiledRule(rule, position);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRulesException($"{named}: lastUserMessage is not a regular expression: {e.Message}", e, $"rules[{index}].match.lastUserMessage");
        }
    }

    static (string Field, string Message)? Problem(ScriptRule rule)
    {
        if (rule.Answer is not { } answer)
            return ("answer", "needs an answer.");
        if (rule.Times < 0)
            return ("times", "times cannot be negative.");
        if (answer.DelayMs < 0)
            return ("answer.delayMs", "delayMs and cutAfterChunks cannot be negative.");
        if (answer.CutAfterChunks < 0)
            return ("answer.cutAfterChunks", "delayMs and cutAfterChunks cannot be negative.");
        if (answer.Json is not null && answer.Content is not null)
            return ("answer.json", "give either content or json, not both.");
        if (answer.Error is { } error)
        {
            if (answer.Content is not null || answer.ToolCalls is not null || answer.Json is not null)
                return ("answer.error", "an error answer has no content, toolCalls or json.");
            if (error.Status is < 400 or > 599)
                return ("answer.error.status", $"error.status {error.Status} is not an HTTP error status (400-599).");
            if (error.RetryAfter < 0)
                return ("answer.error.retryAfter", "error.retryAfter cannot be negative.");
        }
        if (answer.ToolCalls?.ToList().FindIndex(c => string.IsNullOrWhiteSpace(c.Name)) is >= 0 and var call)
            return ($"answer.toolCalls[{call}].name", "every tool call needs a name.");
        return null;
    }
}
