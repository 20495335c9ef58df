using KooGate.Server.Tests.Independent;
using KooGate.Testing.Processes;

namespace KooGate.Server.Tests.Hardening;

/// <summary>
/// The built server started outside Development (as a deployment starts it): a missing or malformed setting stops the
/// start with one line naming it, and nothing is generated or printed.
/// </summary>
[Collection(ServerProcess.Collection)]
public sealed class StartupConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-startup-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string> Complete() => new()
    {
        ["KooGate__DataDirectory"] = Path.Combine(_directory, "data"),
        ["KooGate__Keys__Basic"] = "basic-key-startup",
        ["KooGate__SecretsKey"] = Convert.ToBase64String(new byte[32]),
        ["KooGate__Admin__ApiKey"] = "admin-key-startup",
        ["KooGate__Webhook__Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ["KooGate__Provisioning__FrontEndUrlTemplate"] = "https://app.test/{instanceId}",
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_NOLOGO"] = "1",
    };

    [Theory]
    [InlineData("KooGate__Keys__Basic", null, "no interface key is set")]
    [InlineData("KooGate__SecretsKey", null, "KooGate__SecretsKey is not set (make one with: koogate admin generate-secret)")]
    [InlineData("KooGate__SecretsKey", "not-base64!", "KooGate__SecretsKey must be Base64 of exactly 32 bytes")]
    [InlineData("KooGate__Admin__ApiKey", null, "KooGate__Admin__ApiKey is not set")]
    [InlineData("KooGate__Webhook__Secret", null, "KooGate__Webhook__Secret is not set")]
    [InlineData("KooGate__Webhook__Url", "not a url", "KooGate__Webhook__Url 'not a url' is not an absolute http(s) URL")]
    [InlineData("ConnectionStrings__KooGate", "postgres://u:p@127.0.0.1/db", "write it as Host=")]
    [InlineData("KooGate__Provisioning__FrontEndUrlTemplate", null, "FrontEndUrlTemplate is empty or still the placeholder")]
    [InlineData("KooGate__DataDirectory", "FILE", "is not writable")]
    [InlineData("KooGate__ForwardedHeaders__KnownProxies__0", "proxy.internal", "KooGate__ForwardedHeaders__KnownProxies__0 'proxy.internal' is not an IP address")]
    [InlineData("KooGate__ForwardedHeaders__KnownNetworks__0", "10.0.0.0/40", "KooGate__ForwardedHeaders__KnownNetworks__0 '10.0.0.0/40' is not a network in CIDR")]
    public async Task A_missing_or_malformed_setting_stops_the_start_with_one_line(string name, string? value, string expected)
    {
        var environment = Complete();
        if (value is null)
        {
            environment.Remove(name);
        }
        else
        {
            var file = Path.Combine(_directory, "a-file");
            File.WriteAllText(file, "not a folder");
            environment[name] = value == "FILE" ? file : value;
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartBuiltAsync(environment, TimeSpan.FromSeconds(60)));

        Assert.Contains("exited with code 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("generated", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "data", "development-secrets.json")));
    }
}
