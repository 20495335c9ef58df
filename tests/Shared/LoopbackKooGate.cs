using KooGate.Server.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Tests.Shared;

/// <summary>
/// A real KooGate server on a loopback Kestrel port with a fresh SQLite database, for the projects that talk to it
/// over the wire (the admin client and the command line). Seed it through <see cref="OpenDb"/>.
/// </summary>
public sealed class LoopbackKooGate : WebApplicationFactory<KooGateDbContext>
{
    public const string AdminApiKey = "admin-api-key-0001";

    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-loopback-").FullName;

    public LoopbackKooGate() => UseKestrel(0);

    /// <summary>The server's root over loopback (starts it on first use).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public KooGateDbContext OpenDb() => Services.CreateScope().ServiceProvider.GetRequiredService<KooGateDbContext>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:KooGate"] = $"Data Source={Path.Combine(_directory, "koogate.db")}",
            ["KooGate:DataDirectory"] = _directory,
            ["KooGate:Keys:Basic"] = "basic-key-0001",
            ["KooGate:SecretsKey"] = Convert.ToBase64String(new byte[32]),
            ["KooGate:Admin:ApiKey"] = AdminApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
