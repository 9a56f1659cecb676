namespace ChatApi.Storage;

public static class ProjectScopeQueries
{
    /// <summary>Only the rows <paramref name="scope"/> may see: the one place a project filter is written.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> rows, ProjectScope scope) where T : class, IProjectOwned =>
        scope.Project is { } project ? rows.Where(r => r.Project == project) : rows;
}
