namespace ChatApi.Backends;

/// <summary>Where a model's requests go: the backend (behind the scripted rules, if any), its name, and whether it relays.</summary>
public sealed record BackendRoute(IChatBackend Backend, string Name, bool Relays);
