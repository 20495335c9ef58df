using KooGate.Conformance.Checks;
using KooGate.Conformance.Profiles;
using KooGate.Conformance.Wire;

namespace KooGate.Conformance;

/// <summary>
/// Runs every check of a profile against a production URL, one call at a time (except where concurrency is the
/// point), each call limited to <see cref="ConformanceOptions.Timeout"/>.
/// </summary>
public static class ConformanceRunner
{
    /// <param name="handler">Replaces the default socket handler (tests); not disposed.</param>
    public static async Task<ConformanceReport> RunAsync(
        ConformanceOptions options, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        using var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
            : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var time = options.Time;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var run = new CheckRun(options, new WireClient(http, options.Timeout, time));
        var (url, key) = (options.ProductionUrl, options.Key);

        switch (options.Profile)
        {
            case ConformanceProfile.SaasV2:
                await new InstanceChecks(run, InstanceFamilies.SaasV2(url, key, time), cancellationToken).RunAsync();
                if (options.KitKey is { } kitKey)
                {
                    await new KitChecks(run, KitFamilies.KitV2(url, kitKey, options.RsaPublicKeyPem, time, "kit "), cancellationToken).RunAsync();
                }

                break;
            case ConformanceProfile.SaasV1:
                await new InstanceChecks(run, InstanceFamilies.SaasV1(url, key, time), cancellationToken).RunAsync();
                break;
            case ConformanceProfile.KitV2:
                await new KitChecks(run, KitFamilies.KitV2(url, key, options.RsaPublicKeyPem, time), cancellationToken).RunAsync();
                break;
            case ConformanceProfile.KitV1:
                await new KitChecks(run, KitFamilies.KitV1(url, key, options.RsaPublicKeyPem, time), cancellationToken).RunAsync();
                break;
            case ConformanceProfile.License:
                await new InstanceChecks(run, InstanceFamilies.LegacyLicense(url, key, time), cancellationToken).RunAsync();
                break;
            case ConformanceProfile.LicenseCode:
                await new InstanceChecks(run, InstanceFamilies.LicenseCode(url, key, time), cancellationToken).RunAsync();
                break;
            case ConformanceProfile.OrderNotify:
                await new InstanceChecks(run, InstanceFamilies.OrderNotify(url, key, time), cancellationToken).RunAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Profile, "unknown profile");
        }

        return new ConformanceReport(options.Profile.Name(), url, startedAt, time.GetElapsedTime(started), run.Results);
    }
}
