using Microsoft.Extensions.Options;

namespace KooGate.Server.Configuration;

/// <summary>A setting that stops the start; its message is the one line an operator needs (no stack trace).</summary>
public sealed class KooGateConfigurationException(string message) : Exception(message);

/// <summary>
/// Checks the configuration before the server listens. Outside Development nothing is generated: a missing key,
/// <c>SecretsKey</c>, admin API key or webhook secret stops the start, naming the setting and how to make a value. In
/// every environment a malformed value (SecretsKey, webhook URL, a URL-style connection string) or an unwritable data
/// folder stops it too.
/// </summary>
internal static class StartupCheck
{
    private const string Generate = "make one with: koogate admin generate-secret";

    public static void Run(IConfiguration configuration, KooGateOptions options, bool isDevelopment)
    {
        var problem = (isDevelopment ? null : Missing(configuration, options)) ?? Malformed(configuration, options) ?? DataFolder(options.DataDirectory);
        if (problem is not null)
        {
            throw new KooGateConfigurationException("KooGate cannot start: " + problem);
        }
    }

    private static string? Missing(IConfiguration configuration, KooGateOptions options) =>
        InterfaceKeys.FromConfiguration(configuration).IsEmpty
            ? "no interface key is set: put the accessKey KooGallery shows for your production address in KooGate__Keys__Basic (and __Kit, __License, __General, __V1 as you use them)"
            : string.IsNullOrWhiteSpace(options.SecretsKey) ? $"KooGate__SecretsKey is not set ({Generate})"
            : string.IsNullOrWhiteSpace(options.Admin.ApiKey) ? $"KooGate__Admin__ApiKey is not set ({Generate})"
            : string.IsNullOrWhiteSpace(options.Webhook.Secret) ? $"KooGate__Webhook__Secret is not set ({Generate} --webhook)"
            : !options.Webhook.IsConfigured && (string.IsNullOrWhiteSpace(options.Provisioning.FrontEndUrlTemplate)
                                                || options.Provisioning.FrontEndUrlTemplate == ProvisioningOptions.PlaceholderFrontEndUrlTemplate)
                ? "KooGate__Provisioning__FrontEndUrlTemplate is empty or still the placeholder https://app.example.com/{instanceId}: set your application's address (or KooGate__Webhook__Url to provision from your application)"
                : null;

    private static string? Malformed(IConfiguration configuration, KooGateOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SecretsKey) && !IsBase64Of32Bytes(options.SecretsKey))
        {
            return $"KooGate__SecretsKey must be Base64 of exactly 32 bytes ({Generate})";
        }

        if (Products.ProductSettings.HasMalformedSecret(options.Webhook.Secret))
        {
            return $"KooGate__Webhook__Secret must be one or more space-separated whsec_ secrets ({Generate} --webhook)";
        }

        if (options.Webhook.IsConfigured
            && !(Uri.TryCreate(options.Webhook.Url, UriKind.Absolute, out var webhook) && webhook.Scheme is "http" or "https"))
        {
            return $"KooGate__Webhook__Url '{options.Webhook.Url}' is not an absolute http(s) URL";
        }

        var connection = configuration.GetConnectionString("KooGate");
        if (connection is not null && (connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
                                       || connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)))
        {
            return "ConnectionStrings__KooGate is a URL; write it as Host=<host>;Port=5432;Username=<user>;Password=<password>;Database=<database>";
        }

        var marketplace = options.Marketplace;
        if (marketplace.FailedFetchRetries < 0 || marketplace.FailedFetchFirstRetrySeconds <= 0 || marketplace.FailedFetchMaxRetrySeconds < marketplace.FailedFetchFirstRetrySeconds)
        {
            return "KooGate__Marketplace__FailedFetchRetries must be 0 or more, FailedFetchFirstRetrySeconds above 0 and FailedFetchMaxRetrySeconds at least FailedFetchFirstRetrySeconds";
        }

        return options.CallDeadlineMilliseconds is < 100 or > 60_000
            ? "KooGate__CallDeadlineMilliseconds must be between 100 and 60000 (KooGallery waits 5 s: keep it below 5000)"
            : options.ForwardedHeaders.Problem() ?? options.Notifications.Problem();
    }

    private static string? DataFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"the data folder KooGate__DataDirectory='{Path.GetFullPath(folder)}' is not writable ({e.Message})";
        }
    }

    private static bool IsBase64Of32Bytes(string value)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == 32;
    }
}
