namespace ChatApi.Tests.Storage;

/// <summary>Two server processes on one fresh PostgreSQL database, shared by the tests of a class to start them once.</summary>
public sealed class TwoInstancesOnePostgres : IAsyncLifetime
{
    TestStorage? _storage;

    public ServerProcess? First { get; private set; }
    public ServerProcess? Second { get; private set; }

    public async ValueTask InitializeAsync()
    {
        // When PostgreSQL is missing each test skips itself; the fixture just stays empty.
        if (!await PostgresServer.IsReachableAsync())
            return;
        _storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        First = await ServerProcess.StartAsync(_storage.Settings);
        Second = await ServerProcess.StartAsync(_storage.Settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (First is not null)
            await First.DisposeAsync();
        if (Second is not null)
            await Second.DisposeAsync();
        if (_storage is not null)
            await _storage.DisposeAsync();
    }
}
