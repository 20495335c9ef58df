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
                await Instances(InstanceFamilies.SaasV2(url, key, time), options.OtherTypeKey ?? options.KitKey);
                if (options.KitKey is { } kitKey)
                {
                    var kit = KitFamilies.KitV2(url, kitKey, options.RsaPublicKeyPem, time, "kit ");
                    kit.Channel.OtherTypeKey = key;
                    await new KitChecks(run, kit, cancellationToken).RunAsync();
                }

                break;
            case ConformanceProfile.SaasV1:
                await Instances(InstanceFamilies.SaasV1(url, key, time), options.OtherTypeKey);
                break;
            case ConformanceProfile.KitV2:
                await Kit(KitFamilies.KitV2(url, key, options.RsaPublicKeyPem, time));
                break;
            case ConformanceProfile.KitV1:
                await Kit(KitFamilies.KitV1(url, key, options.RsaPublicKeyPem, time));
                break;
            case ConformanceProfile.License:
                await Instances(InstanceFamilies.LegacyLicense(url, key, time), options.OtherTypeKey);
                break;
            case ConformanceProfile.LicenseCode:
                await Instances(InstanceFamilies.LicenseCode(url, key, time), options.OtherTypeKey);
                break;
            case ConformanceProfile.OrderNotify:
                await Instances(InstanceFamilies.OrderNotify(url, key, time), options.OtherTypeKey);
                break;
            case ConformanceProfile.OnlineLicense:
                await Instances(InstanceFamilies.OnlineLicense(url, key, time), options.OtherTypeKey);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Profile, "unknown profile");
        }

        Task Instances(InstanceApi api, string? otherTypeKey)
        {
            api.Channel.OtherTypeKey = otherTypeKey;
            return new InstanceChecks(run, api, cancellationToken).RunAsync();
        }

        Task Kit(KitApi api)
        {
            api.Channel.OtherTypeKey = options.OtherTypeKey;
            return new KitChecks(run, api, cancellationToken).RunAsync();
        }

        return new ConformanceReport(options.Profile.Name(), url, startedAt, time.GetElapsedTime(started), run.Results);
    }
}
