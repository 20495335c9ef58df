using System.Text.RegularExpressions;
using KooGate.Server.Admin;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Tests.Dashboard;

public sealed class DevelopmentAdminUserTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-devadmin-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (ConfigurationManager Configuration, string Printed) Start(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["KooGate:DataDirectory"] = _directory });
        configuration.AddInMemoryCollection(settings ?? []);
        using var console = new StringWriter();
        DevelopmentSecrets.ApplyAdminUser(configuration, configuration, console);
        return (configuration, console.ToString());
    }

    private static AdminUsers Users(IConfiguration configuration)
    {
        var options = new KooGateOptions();
        configuration.GetSection(KooGateOptions.Section).Bind(options);
        return new AdminUsers(new StaticMonitor(options));
    }

    [Fact]
    public void With_no_user_a_generated_admin_password_is_printed_once_and_lets_that_admin_in()
    {
        var (first, printed) = Start();
        var password = Regex.Match(printed, "admin / (\\S+)").Groups[1].Value;
        Assert.Equal(20, password.Length);
        Assert.NotNull(Users(first).Verify("admin", password));
        Assert.Null(Users(first).Verify("admin", password + "x"));

        var (second, again) = Start();
        Assert.Empty(again);
        Assert.NotNull(Users(second).Verify("admin", password));
        Assert.DoesNotContain(password, File.ReadAllText(Path.Combine(_directory, "development-admin.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_user_means_nothing_is_generated()
    {
        var (configuration, printed) = Start(new() { ["KooGate:Admin:Users:0:Name"] = "ops", ["KooGate:Admin:Users:0:PasswordHash"] = AdminUsers.Hash("ops-password") });
        Assert.Empty(printed);
        Assert.False(File.Exists(Path.Combine(_directory, "development-admin.json")));
        Assert.NotNull(Users(configuration).Verify("ops", "ops-password"));
        Assert.Null(Users(configuration).Verify("admin", "ops-password"));
    }

    [Fact]
    public void A_malformed_hash_refuses_the_login_instead_of_failing()
    {
        var (configuration, _) = Start(new() { ["KooGate:Admin:Users:0:Name"] = "ops", ["KooGate:Admin:Users:0:PasswordHash"] = "not base64!" });
        Assert.Null(Users(configuration).Verify("ops", "anything"));
    }

    private sealed class StaticMonitor(KooGateOptions value) : IOptionsMonitor<KooGateOptions>
    {
        public KooGateOptions CurrentValue => value;

        public KooGateOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<KooGateOptions, string?> listener) => null;
    }
}
