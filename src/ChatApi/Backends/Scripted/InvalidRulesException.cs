namespace ChatApi.Backends.Scripted;

/// <summary>
/// Rules that cannot be used; the message says where and why. <see cref="Param"/> is the path of the field at fault
/// (<c>rules[2].answer.error.status</c>), when one is.
/// </summary>
public sealed class InvalidRulesException(string message, Exception? inner = null, string? param = null) : Exception(message, inner)
{
    public string? Param { get; } = param;
}
