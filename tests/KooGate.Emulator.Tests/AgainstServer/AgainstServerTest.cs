using KooGate.Testing.Databases;
using KooGate.Testing.Emulator;
using KooGate.Testing.Server;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Emulator.Tests.AgainstServer;

/// <summary>
/// The real KooGate.Server and the emulator over loopback on one fake wall clock, with the emulator's buyer added;
/// each test class adds its products in <see cref="ArrangeAsync"/>. With <paramref name="serverFetchesOrders"/> the
/// server's 查询订单 client points at the emulator's open API; <paramref name="database"/> is the server's database.
/// </summary>
public abstract class AgainstServerTest(bool serverFetchesOrders = false, DatabaseKind database = DatabaseKind.Sqlite) : IAsyncLifetime
{
    protected FakeTimeProvider WallClock { get; } = new(DateTimeOffset.UtcNow);

    protected KooGateHost Server { get; private set; } = null!;

    protected EmulatorHost Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorHost.StartAsync(WallClock);
        Server = new KooGateHost(new KooGateHostOptions
        {
            Database = database,
            Clock = WallClock,
            Marketplace = serverFetchesOrders ? Emulator.BaseAddress : null,
            KitClientSecret = true,
            Settings = ServerSettings?.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)) ?? [],
            Services = ConfigureServer,
        });
        await Emulator.AddBuyerAsync();
        await ArrangeAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Server.Dispose();
    }

    /// <summary>More server configuration for the class (for example a webhook URL).</summary>
    protected virtual IReadOnlyDictionary<string, string>? ServerSettings => null;

    protected abstract Task ArrangeAsync();

    /// <summary>Overrides the server's services (say, the seller's own provisioner); nothing by default.</summary>
    protected virtual void ConfigureServer(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }
}
