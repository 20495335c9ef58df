using System.Security.Cryptography;
using System.Text.Json;

namespace KooGate.Server.Configuration;

/// <summary>
/// With no keys configured, KooGate generates development keys once, stores them under the data directory and
/// prints them on that first start only, so a seller can paste them into the seller-center debugger.
/// </summary>
internal static class DevelopmentSecrets
{
    private const string FileName = "development-secrets.json";
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static void Apply(IConfigurationBuilder builder, IConfiguration configuration, TextWriter console)
    {
        var dataDirectory = configuration[$"{KooGateOptions.Section}:DataDirectory"] ?? "data";
        var keys = InterfaceKeys.FromConfiguration(configuration);
        var options = configuration.GetSection(KooGateOptions.Section);
        var needsKeys = keys.IsEmpty;
        var needsSecrets = string.IsNullOrEmpty(options["SecretsKey"]) || string.IsNullOrEmpty(options["Admin:ApiKey"]) || string.IsNullOrEmpty(options["Webhook:Secret"]);
        if (!needsKeys && !needsSecrets)
        {
            return;
        }

        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var created = false;
        Dictionary<string, string> values;
        if (File.Exists(path))
        {
            values = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        }
        else
        {
            values = Enum.GetValues<InterfaceType>().ToDictionary(t => $"Keys:{t}", _ => RandomNumberGenerator.GetString(Alphabet, 32));
            values["SecretsKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            values["Admin:ApiKey"] = RandomNumberGenerator.GetString(Alphabet, 40);
            values["Webhook:Secret"] = Client.Events.WebhookSignature.NewSecret();
            File.WriteAllText(path, JsonSerializer.Serialize(values, new JsonSerializerOptions { WriteIndented = true }));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            created = true;
        }

        var overrides = values
            .Where(v => needsKeys || !v.Key.StartsWith("Keys:", StringComparison.Ordinal))
            .Where(v => string.IsNullOrEmpty(options[v.Key]))
            .ToDictionary(v => $"{KooGateOptions.Section}:{v.Key}", v => (string?)v.Value);
        builder.AddInMemoryCollection(overrides);

        if (created)
        {
            console.WriteLine($"KooGate generated development secrets (stored in {path}; shown only now):");
            foreach (var (name, value) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                console.WriteLine($"  {name.Replace(":", "__", StringComparison.Ordinal)}={value}");
            }
        }
    }

    /// <summary>
    /// In Development with no dashboard user configured: a user <c>admin</c> with a random password, whose hash is
    /// kept in <c>development-admin.json</c>; the password is printed on the start that creates it, never again.
    /// </summary>
    public static void ApplyAdminUser(IConfigurationBuilder builder, IConfiguration configuration, TextWriter console)
    {
        var users = configuration.GetSection($"{KooGateOptions.Section}:Admin:Users");
        if (users.GetChildren().Any(u => !string.IsNullOrEmpty(u["Name"])))
        {
            return;
        }

        var dataDirectory = configuration[$"{KooGateOptions.Section}:DataDirectory"] ?? "data";
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "development-admin.json");
        Dictionary<string, string> user;
        if (File.Exists(path))
        {
            user = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        }
        else
        {
            var password = RandomNumberGenerator.GetString(Alphabet, 20);
            user = new() { ["Name"] = "admin", ["PasswordHash"] = Admin.AdminUsers.Hash(password) };
            File.WriteAllText(path, JsonSerializer.Serialize(user));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            console.WriteLine($"KooGate development dashboard login (hash stored in {path}; password shown only now): admin / {password}");
        }

        builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{KooGateOptions.Section}:Admin:Users:0:Name"] = user.GetValueOrDefault("Name"),
            [$"{KooGateOptions.Section}:Admin:Users:0:PasswordHash"] = user.GetValueOrDefault("PasswordHash"),
        });
    }
}
