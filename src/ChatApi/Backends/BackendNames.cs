namespace ChatApi.Backends;

public static class BackendNames
{
    public const string Deterministic = "deterministic";
}
