using KooGate.Server.Configuration;
using KooGate.Testing.Databases;
using Microsoft.Extensions.DependencyInjection;

namespace KooGate.Testing.Server;

/// <summary>
/// What a test asks of its KooGate server. Everything else is the fixed test configuration: the keys of
/// <see cref="TestKeys"/>, a fresh database and a temporary data directory.
/// </summary>
public sealed record KooGateHostOptions
{
    public DatabaseKind Database { get; init; } = DatabaseKind.Sqlite;

    /// <summary>
    /// An existing database to share with another host (two servers on one database); only the host that created a
    /// database drops it. Null: a fresh one.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>The server's clock. Null: a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> at the current time; <see cref="TimeProvider.System"/> keeps real time.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>An emulator's open API for the server's 查询订单 and upload clients (the default seller's AK/SK).</summary>
    public Uri? Marketplace { get; init; }

    /// <summary>Writes <see cref="KitClientSecretKey"/> into the data directory and points <c>KooGate:RsaPrivateKeyPath</c> at it.</summary>
    public bool KitClientSecret { get; init; }

    /// <summary>The production interface's path (<c>KooGate:ProductionPath</c>); null keeps the server's default.</summary>
    public string? ProductionPath { get; init; }

    /// <summary>The seller's event endpoint the outbox delivers to (<c>KooGate:Webhook:Url</c>).</summary>
    public Uri? OutboxEndpoint { get; init; }

    /// <summary>How instances are provisioned (<c>KooGate:Provisioning:Mode</c>); null keeps the server's default.</summary>
    public ProvisionerMode? Provisioner { get; init; }

    /// <summary>Products (<c>KooGate:Products</c>), in order.</summary>
    public IReadOnlyList<ProductOptions> Products { get; init; } = [];

    /// <summary>Any other configuration, applied last (so it can override the above), in <c>Section:Key</c> form.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings { get; init; } = [];

    /// <summary>Service overrides applied after KooGate's own (a seller's provisioner, say); in-process hosts only.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>The whole configuration for a server whose data directory is <paramref name="directory"/>.</summary>
    public Dictionary<string, string?> ToSettings(string directory, string connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:KooGate"] = connectionString,
            ["KooGate:DataDirectory"] = directory,
            ["KooGate:Keys:Basic:0"] = TestKeys.Basic,
            ["KooGate:Keys:Basic:1"] = TestKeys.PreviousBasic,
            ["KooGate:Keys:Kit"] = TestKeys.Kit,
            ["KooGate:Keys:License"] = TestKeys.License,
            ["KooGate:Keys:General"] = TestKeys.General,
            ["KooGate:Keys:V1"] = TestKeys.V1,
            ["KooGate:SecretsKey"] = TestKeys.SecretsKey,
            ["KooGate:Admin:ApiKey"] = TestKeys.AdminApiKey,
            ["KooGate:Admin:Users:0:Name"] = TestKeys.OperatorName,
            ["KooGate:Admin:Users:0:PasswordHash"] = TestKeys.OperatorPasswordHash,
            ["KooGate:Webhook:Secret"] = TestKeys.WebhookSecret,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (Marketplace is not null)
        {
            var seller = new KooGate.Emulator.EmulatorOptions();
            settings["KooGate:Marketplace:BaseUrl"] = Marketplace.ToString();
            settings["KooGate:Marketplace:AccessKey"] = seller.SellerAccessKey;
            settings["KooGate:Marketplace:SecretKey"] = seller.SellerSecretKey;
            // The workers sleep on the fake clock; tests advance it in small steps while they wait.
            settings["KooGate:Marketplace:PollIntervalMilliseconds"] = "50";
        }

        if (KitClientSecret)
        {
            var path = Path.Combine(directory, KitClientSecretKey.PrivateKeyFile);
            File.WriteAllText(path, KitClientSecretKey.PrivateKeyPem);
            File.WriteAllText(Path.Combine(directory, KitClientSecretKey.PublicKeyFile), KitClientSecretKey.PublicKeyPem);
            settings["KooGate:RsaPrivateKeyPath"] = path;
        }

        if (ProductionPath is not null)
        {
            settings["KooGate:ProductionPath"] = ProductionPath;
        }

        if (OutboxEndpoint is not null)
        {
            settings["KooGate:Webhook:Url"] = OutboxEndpoint.ToString();
        }

        if (Provisioner is { } mode)
        {
            settings["KooGate:Provisioning:Mode"] = mode.ToString();
        }

        for (var i = 0; i < Products.Count; i++)
        {
            foreach (var (key, value) in ProductSettings(Products[i]))
            {
                settings[$"KooGate:Products:{i}:{key}"] = value;
            }
        }

        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An options object as configuration keys (<c>Webhook:Url</c>), nested objects and lists included, nulls left out.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> ProductSettings(object options, string prefix = "")
    {
        foreach (var property in options.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            var key = prefix + property.Name;
            switch (property.GetValue(options))
            {
                case null:
                    break;
                case string or Enum or ValueType:
                    yield return KeyValuePair.Create(key, Convert.ToString(property.GetValue(options), System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case System.Collections.IEnumerable list:
                    var index = 0;
                    foreach (var item in list)
                    {
                        foreach (var pair in item is string or Enum or ValueType
                            ? [KeyValuePair.Create($"{key}:{index}", Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture))]
                            : ProductSettings(item, $"{key}:{index}:"))
                        {
                            yield return pair;
                        }

                        index++;
                    }

                    break;
                case var nested:
                    foreach (var pair in ProductSettings(nested, key + ":"))
                    {
                        yield return pair;
                    }

                    break;
            }
        }
    }
}
