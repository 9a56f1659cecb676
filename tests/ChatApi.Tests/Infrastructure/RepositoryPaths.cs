namespace ChatApi.Tests.Infrastructure;

/// <summary>Files of the repository (and shared/ beside it) as the tests find them from their output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string CheckedInOpenApi => Path.Combine(Root, "openapi", "v1.json");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatApi.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("ChatApi.sln not found above " + AppContext.BaseDirectory);
    }
}
