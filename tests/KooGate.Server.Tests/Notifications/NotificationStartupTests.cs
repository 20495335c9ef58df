using KooGate.Server.Tests.Independent;
using KooGate.Testing.Processes;

namespace KooGate.Server.Tests.Notifications;

/// <summary>The built server, started as a deployment starts it, refuses a malformed notification setting in one line.</summary>
[Collection(ServerProcess.Collection)]
public sealed class NotificationStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("koogate-notify-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_malformed_notification_setting_stops_the_start()
    {
        var environment = new Dictionary<string, string>
        {
            ["KooGate__DataDirectory"] = Path.Combine(_directory, "data"),
            ["KooGate__Keys__Basic"] = "basic-key-startup",
            ["KooGate__SecretsKey"] = Convert.ToBase64String(new byte[32]),
            ["KooGate__Admin__ApiKey"] = "admin-key-startup",
            ["KooGate__Webhook__Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["KooGate__Provisioning__FrontEndUrlTemplate"] = "https://app.test/{instanceId}",
            ["KooGate__Notifications__Smtp__Host"] = "127.0.0.1",
            ["KooGate__Notifications__Smtp__From"] = "koogate@example.com",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_NOLOGO"] = "1",
        };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartBuiltAsync(environment, TimeSpan.FromSeconds(60)));

        Assert.Contains("exited with code 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("KooGate cannot start: KooGate__Notifications__Smtp__To must be one or more e-mail addresses separated by commas", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Message, StringComparison.Ordinal);
    }
}
