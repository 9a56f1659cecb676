namespace ChatApi.Storage;

/// <summary>
/// Which project's stored data a request may see: one project, or all of them (an admin key, or a server without keys).
/// Every store query goes through <see cref="ProjectScopeQueries.VisibleTo{T}"/> (LINQ) or <see cref="SqlCondition"/> (SQL).
/// </summary>
public readonly record struct ProjectScope
{
    public const string DefaultProject = "default";
    public const int MaxProjectLength = 64;

    ProjectScope(string? project) => Project = project;

    /// <summary>The one project visible, or null for all.</summary>
    public string? Project { get; }

    public static ProjectScope All => default;

    public static ProjectScope Only(string project) => new(project);

    /// <summary>A SQL condition on <paramref name="column"/> (with its <c>@project</c> parameter added), or null for all projects.</summary>
    public string? SqlCondition(System.Data.Common.DbCommand command, string column)
    {
        if (Project is null)
            return null;
        if (!command.Parameters.Contains("project"))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "project";
            parameter.Value = Project;
            command.Parameters.Add(parameter);
        }
        return $"{column} = @project";
    }
}
