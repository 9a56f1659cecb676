using ChatApi.Storage;

namespace ChatApi.Auth;

/// <summary>
/// The current request's project (scoped; set when the request's key is checked): what it stores belongs to
/// <see cref="Name"/>, and it may see <see cref="Scope"/>. Without keys everything is in the default project and
/// every project is visible.
/// </summary>
public sealed class RequestProject
{
    public string Name { get; private set; } = ProjectScope.DefaultProject;

    /// <summary>True for an admin key and for a server without keys.</summary>
    public bool SeesAllProjects { get; private set; }

    public ProjectScope Scope => SeesAllProjects ? ProjectScope.All : ProjectScope.Only(Name);

    internal void Set(string name, bool seesAllProjects)
    {
        Name = name;
        SeesAllProjects = seesAllProjects;
    }
}
