using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace ChatApi.Backends.Scripted;

/// <summary>Reads a rules file (JSON, or YAML by extension) and checks every rule before any is used.</summary>
public static partial class RulesParser
{
    public static RuleSet Parse(string text, string path)
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
            throw new InvalidRulesException($"{Where(e.Path)}at {e.Path?.TrimStart('$', '.')}: {e.Message}", e);
        }

        var rules = file?.Rules ?? [];
        return new RuleSet([.. rules.Select((rule, index) => Compile(rule, index + 1))]);
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

    static CompiledRule Compile(ScriptRule rule, int position)
    {
        if (Problem(rule) is { } problem)
            throw new InvalidRulesException($"Rule {position}{(rule.Name is null ? "" : $" ({rule.Name})")}: {problem}");
        try
        {
            return new CompiledRule(rule, position);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRulesException($"Rule {position}: lastUserMessage is not a regular expression: {e.Message}", e);
        }
    }

    static string? Problem(ScriptRule rule)
    {
        if (rule.Answer is not { } answer)
            return "needs an answer.";
        if (rule.Times < 0)
            return "times cannot be negative.";
        if (answer.DelayMs < 0 || answer.CutAfterChunks < 0)
            return "delayMs and cutAfterChunks cannot be negative.";
        if (answer.Json is not null && answer.Content is not null)
            return "give either content or json, not both.";
        if (answer.Error is { } error)
        {
            if (answer.Content is not null || answer.ToolCalls is not null || answer.Json is not null)
                return "an error answer has no content, toolCalls or json.";
            if (error.Status is < 400 or > 599)
                return $"error.status {error.Status} is not an HTTP error status (400-599).";
            if (error.RetryAfter < 0)
                return "error.retryAfter cannot be negative.";
        }
        if (answer.ToolCalls?.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Name)) is not null)
            return "every tool call needs a name.";
        return null;
    }
}
