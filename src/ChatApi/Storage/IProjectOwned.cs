namespace ChatApi.Storage;

/// <summary>A stored row that belongs to a project (see <see cref="ProjectScope"/>).</summary>
public interface IProjectOwned
{
    string Project { get; }
}
