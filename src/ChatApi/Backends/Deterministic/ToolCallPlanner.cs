using System.Text.Json;
using System.Text.RegularExpressions;
using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// Decides which function tools the built-in backend calls, so tests can steer it with plain prompts:
/// <list type="bullet">
/// <item><c>tool_choice: "none"</c>, or no function tools: no call.</item>
/// <item>A named function (<c>{"type":"function","function":{"name":…}}</c>): exactly that one.</item>
/// <item><c>"auto"</c> (the default when tools are sent): the tools the last user message mentions, in the order of <c>tools</c>;
/// none mentioned, or the conversation ends with a <c>tool</c> message, gives a plain answer.</item>
/// <item><c>"required"</c>: the mentioned tools, or when none is mentioned one tool picked by the generation seed.</item>
/// <item><c>allowed_tools</c>: its <c>mode</c> (<c>auto</c> or <c>required</c>) as above, over the tools it lists.</item>
/// <item><c>parallel_tool_calls: false</c> keeps only the first.</item>
/// </list>
/// A message mentions a tool when, ignoring case, it contains the function's name (<c>get_weather</c>), the name's words
/// separated by spaces (<c>get weather</c>), or every word of four or more letters in the name (<c>weather</c>).
/// </summary>
public static partial class ToolCallPlanner
{
    public static IReadOnlyList<FunctionDefinition> Choose(CreateChatCompletionRequest request, Random random)
    {
        var functions = (request.Tools ?? []).Where(t => t.Type == "function" && t.Function?.Name is not null).Select(t => t.Function!).ToList();
        var choice = request.ToolChoice;
        if (functions.Count == 0 || choice?.Mode == ToolChoice.None)
            return [];
        if (choice?.FunctionName is { } named)
            return functions.Where(f => f.Name == named).Take(1).ToList();

        var mode = choice?.Mode;
        if (AllowedTools(choice) is var (allowedMode, allowed))
        {
            mode = allowedMode;
            functions = functions.Where(f => allowed.Contains(f.Name!)).ToList();
            if (functions.Count == 0)
                return [];
        }

        var required = mode == ToolChoice.Required;
        var messages = request.Messages!;
        if (!required && messages[^1].Role == MessageRoles.Tool)
            return [];

        var prompt = messages.LastOrDefault(m => m.Role == MessageRoles.User)?.Content?.PlainText ?? "";
        var chosen = functions.Where(f => Mentions(prompt, f.Name!)).ToList();
        if (chosen.Count == 0 && required)
            chosen = [functions[random.Next(functions.Count)]];
        return request.ParallelToolCalls == false ? chosen.Take(1).ToList() : chosen;
    }

    /// <summary>
    /// The legacy <c>functions</c>: <c>function_call: "none"</c> calls none; <c>{"name": …}</c> that one; <c>"auto"</c> (the default)
    /// the first function the last user message mentions, unless the conversation ends with a <c>function</c> result.
    /// </summary>
    public static FunctionDefinition? ChooseFunction(CreateChatCompletionRequest request)
    {
        var functions = (request.Functions ?? []).Where(f => f?.Name is not null).ToList();
        if (functions.Count == 0 || request.Tools is { Count: > 0 })
            return null;
        var choice = request.FunctionCall;
        if (choice is { ValueKind: JsonValueKind.String } mode && mode.GetString() == ToolChoice.None)
            return null;
        if (choice is { ValueKind: JsonValueKind.Object } named && named.TryGetProperty("name", out var name))
            return functions.FirstOrDefault(f => f.Name == name.GetString());

        var messages = request.Messages!;
        if (messages[^1].Role == MessageRoles.Function)
            return null;
        var prompt = messages.LastOrDefault(m => m.Role == MessageRoles.User)?.Content?.PlainText ?? "";
        return functions.FirstOrDefault(f => Mentions(prompt, f.Name!));
    }

    /// <summary>The <c>{"type":"allowed_tools","allowed_tools":{"mode","tools"}}</c> form: its mode and the function names it allows.</summary>
    static (string Mode, HashSet<string> Names)? AllowedTools(ToolChoice? choice)
    {
        if (choice?.Object is not { } o || !o.TryGetProperty("allowed_tools", out var allowed) || allowed.ValueKind != JsonValueKind.Object)
            return null;
        var mode = allowed.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : ToolChoice.Auto;
        var names = allowed.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? tools.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object
                    && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                .Select(t => t.GetProperty("function").GetProperty("name").GetString()!)
                .ToHashSet()
            : [];
        return (mode, names);
    }

    public static bool Mentions(string prompt, string functionName)
    {
        var words = NameWords().Matches(functionName).Select(m => m.Value).ToList();
        var significant = words.Where(w => w.Length >= 4).ToList();
        return prompt.Contains(functionName, StringComparison.OrdinalIgnoreCase)
            || prompt.Contains(string.Join(' ', words), StringComparison.OrdinalIgnoreCase)
            || significant.Count > 0 && significant.All(w => prompt.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    // Splits snake_case, kebab-case and camelCase into words.
    [GeneratedRegex("[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")]
    private static partial Regex NameWords();
}
