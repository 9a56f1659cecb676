namespace ChatApi.Tests.Infrastructure;

/// <summary>Files outside the test output: the repo (the folder holding ChatApi.sln) and shared/ beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string OpenAISpec { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "openai", "openapi.yaml"));

    public static string SdkJs { get; } = Path.Combine(Root, "tests", "sdk-js");

    public static string CheckedInOpenApi { get; } = Path.Combine(Root, "openapi", "v1.json");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatApi.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No ChatApi.sln above {AppContext.BaseDirectory}.");
    }
}
