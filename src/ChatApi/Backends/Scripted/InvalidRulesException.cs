namespace ChatApi.Backends.Scripted;

/// <summary>A rules file that cannot be used; the message says where and why.</summary>
public sealed class InvalidRulesException(string message, Exception? inner = null) : Exception(message, inner);
