namespace ChatApi.Contracts;

public static class MessageRoles
{
    public const string Developer = "developer";
    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";
    public const string Function = "function";

    public static readonly IReadOnlyList<string> All = [System, Assistant, User, Function, Tool, Developer];
}
