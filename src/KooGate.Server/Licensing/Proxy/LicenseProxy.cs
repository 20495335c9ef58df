using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KooGate.Client.Licensing;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.OpenApi;
using KooGate.Server.Data;
using KooGate.Server.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Licensing.Proxy;

/// <summary>
/// Activates and checks license codes (license-order-openapi.md §C.2) and online licenses (§C.3) for the seller's
/// software, with KooGate's AK/SK. A good heartbeat answer is kept; when the marketplace cannot be reached (network,
/// timeout, gateway or internal error) the last good answer stands in for <see cref="LicenseProxyOptions.GraceHours"/>,
/// marked <c>cached</c>. The marketplace's definite refusals (unknown code, not activated…) are never replaced by a
/// cached answer.
/// </summary>
public sealed class LicenseProxy(
    KooGateDbContext db, MarketplaceClients marketplace, IOptions<LicenseProxyOptions> options, TimeProvider time, ILogger<LicenseProxy> logger)
{
    public const string HttpClientName = "KooGate.LicenseProxy";

    /// <summary>
    /// Periodic charging modes as 查询订单 names them; a periodic online license needs an expiry (000902).
    /// </summary>
    private static readonly HashSet<string> PeriodicModes = new(StringComparer.OrdinalIgnoreCase) { "PERIOD", "1" };

    public async Task<LicenseStatus> ActivateAsync(string code, CancellationToken cancellationToken)
    {
        if (!marketplace.IsConfigured)
        {
            return NotConfigured(code);
        }

        try
        {
            var response = await marketplace.Create(HttpClientName).ActivateLicenseAsync(code, null, cancellationToken);
            var info = response.Data is { } data && data.TryGetLicenseCodeInfo(out var parsed) ? parsed : null;
            var answer = FromStatus(code, info?.Status ?? LicenseStatuses.Alive) with
            {
                ExpireTime = Time(info?.ExpireTime),
                ActivateTime = time.GetUtcNow(),
                ProductId = info?.ProductId,
                OrderId = info?.OrderId,
                Amount = info?.Amount,
                CheckedAt = time.GetUtcNow(),
            };
            await RememberAsync(code, answer, cancellationToken);
            return answer;
        }
        catch (MarketplaceApiException e) when (e.IsAlreadyActivated)
        {
            // §C.2.1: a second activation is "illegal state"; the code is active, the heartbeat tells its state.
            return await HeartbeatAsync(code, null, code, cancellationToken);
        }
        catch (MarketplaceApiException e)
        {
            return Refusal(code, e) ?? Unreachable(code, e, cached: null);
        }
    }

    public Task<LicenseStatus> HeartbeatAsync(string code, CancellationToken cancellationToken) =>
        HeartbeatAsync(code, null, code, cancellationToken);

    /// <summary>
    /// Registers a device on an online license: fingerprint required (000903), within the order's validity (000901),
    /// a periodic license needs its expiry (000902), and no more devices than the quantity bought (000900).
    /// </summary>
    public async Task<LicenseStatus> RegisterDeviceAsync(string instanceId, string? fingerprint, CancellationToken cancellationToken)
    {
        var (device, refusal) = await CheckOnlineAsync(instanceId, fingerprint, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var devices = db.Set<OnlineLicenseDevice>();
        var existing = await devices.FindAsync([instanceId, device.DeviceId], cancellationToken);
        var answer = await HeartbeatAsync(instanceId, new HeartbeatInfo { ThirdPartyAccount = device.DeviceId }, instanceId, cancellationToken) with
        {
            DeviceId = device.DeviceId,
        };
        if (answer.State != LicenseStates.Valid)
        {
            return answer;
        }

        var now = time.GetUtcNow();
        if (existing is null)
        {
            var quota = (int)Math.Max(1, Math.Floor(answer.Amount ?? 1));
            var used = await devices.CountAsync(d => d.InstanceId == instanceId, cancellationToken);
            if (used >= quota)
            {
                return Online(instanceId, ResultCode.LicenseQuotaInsufficient, $"all {quota} device(s) of this license are registered; release one first") with
                {
                    DeviceId = device.DeviceId,
                    Amount = answer.Amount,
                };
            }

            device.RegisteredAt = now;
            devices.Add(existing = device);
        }

        existing.LastSeenAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return answer;
    }

    /// <summary>The daily check of a registered device (heartbeat with the device as <c>thirdPartyAccount</c>).</summary>
    public async Task<LicenseStatus> DeviceHeartbeatAsync(string instanceId, string? fingerprint, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fingerprint))
        {
            return Online(instanceId, ResultCode.FingerprintRequired, "send the device fingerprint");
        }

        var registered = await db.Set<OnlineLicenseDevice>().FindAsync([instanceId, DeviceId(fingerprint)], cancellationToken);
        if (registered is null)
        {
            return Online(instanceId, ResultCode.FingerprintRequired, "this device is not registered on the license; register it first");
        }

        var answer = await HeartbeatAsync(instanceId, new HeartbeatInfo { ThirdPartyAccount = registered.DeviceId }, instanceId, cancellationToken);
        if (!answer.Cached && answer.State == LicenseStates.Valid)
        {
            registered.LastSeenAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return answer with { DeviceId = registered.DeviceId };
    }

    /// <summary>Frees the device's place in the quota; releasing an unknown device succeeds.</summary>
    public async Task<bool> ReleaseDeviceAsync(string instanceId, string? fingerprint, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fingerprint))
        {
            return false;
        }

        await db.Set<OnlineLicenseDevice>().Where(d => d.InstanceId == instanceId && d.DeviceId == DeviceId(fingerprint)).ExecuteDeleteAsync(cancellationToken);
        return true;
    }

    public static string DeviceId(string fingerprint) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.Trim().ToUpperInvariant())));

    private async Task<(OnlineLicenseDevice Device, LicenseStatus? Refusal)> CheckOnlineAsync(string instanceId, string? fingerprint, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fingerprint) || fingerprint.Length > 5 * 1024)
        {
            var none = new OnlineLicenseDevice { InstanceId = instanceId, DeviceId = string.Empty, DeviceFingerprint = string.Empty };
            return (none, Online(instanceId, ResultCode.FingerprintRequired, "send the device fingerprint (at most 5 KB)"));
        }

        var device = new OnlineLicenseDevice { InstanceId = instanceId, DeviceId = DeviceId(fingerprint), DeviceFingerprint = fingerprint };
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.InstanceId == instanceId && !i.IsTest, cancellationToken);
        var now = time.GetUtcNow();
        LicenseStatus? refusal = instance switch
        {
            null => new LicenseStatus { License = instanceId, State = LicenseStates.Unknown, Message = "no such online license", ResultCode = ResultCode.InstanceNotFound.Code },
            { State: InstanceState.Released or InstanceState.Failed } => FromStatus(instanceId, LicenseStatuses.Released),
            { State: InstanceState.Frozen } => FromStatus(instanceId, LicenseStatuses.Expired),
            { ExpireTime: null, ChargingMode: { } mode } when PeriodicModes.Contains(mode) =>
                Online(instanceId, ResultCode.ExpiryRequired, "the periodic license has no expiry yet; try again later"),
            { ExpireTime: { } expire } when expire <= now => Online(instanceId, ResultCode.OutsideOrderValidity, "the order's validity period is over"),
            _ => null,
        };
        return (device, refusal);
    }

    private async Task<LicenseStatus> HeartbeatAsync(string license, HeartbeatInfo? info, string cacheKey, CancellationToken cancellationToken)
    {
        if (!marketplace.IsConfigured)
        {
            return NotConfigured(license);
        }

        try
        {
            var response = await marketplace.Create(HttpClientName).HeartbeatLicenseAsync(license, info, cancellationToken);
            var data = response.Data;
            var answer = FromStatus(license, data?.Status ?? string.Empty) with
            {
                ExpireTime = Time(data?.ExpireTime),
                ActivateTime = Time(data?.ActivateTime),
                ProductId = data?.ProductId,
                OrderId = data?.OrderId,
                Amount = data?.Amount,
                CheckedAt = time.GetUtcNow(),
            };
            await RememberAsync(cacheKey, answer, cancellationToken);
            return answer;
        }
        catch (MarketplaceApiException e)
        {
            return Refusal(license, e) ?? Unreachable(license, e, await db.Set<LicenseProxyAnswer>().AsNoTracking()
                .FirstOrDefaultAsync(a => a.License == cacheKey, cancellationToken));
        }
    }

    private async Task RememberAsync(string key, LicenseStatus answer, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(answer, JsonSerializerOptions.Web);
        var row = await db.Set<LicenseProxyAnswer>().FindAsync([key], cancellationToken);
        if (row is null)
        {
            db.Set<LicenseProxyAnswer>().Add(new LicenseProxyAnswer { License = key, Answer = json, CheckedAt = answer.CheckedAt!.Value });
        }
        else
        {
            row.Answer = json;
            row.CheckedAt = answer.CheckedAt!.Value;
        }

        // False: a concurrent check of the same code stored its answer first; either is good.
        await db.TrySaveAsync(cancellationToken);
    }

    /// <summary>The marketplace's definite answers about the code (§C.2.3); null for everything that may heal.</summary>
    private static LicenseStatus? Refusal(string license, MarketplaceApiException e)
    {
        var (state, message) = e.ErrorCode switch
        {
            "92020005" => (LicenseStates.Unknown, "the marketplace knows no such license code"),
            "92020020" => (LicenseStates.Unknown, "the marketplace knows no such license code"),
            "92020011" => (LicenseStates.NotActivated, "the license code is not activated yet; activate it first"),
            "92020004" => (LicenseStates.NotReceived, "the buyer has not received the license code yet"),
            "92020003" => (LicenseStates.Refused, "the license code cannot be activated in its current state"),
            "92020002" or "95000001" => (LicenseStates.Refused, "the marketplace refused the license code as invalid"),
            _ => (null, null),
        };
        return state is null ? null : new LicenseStatus { License = license, State = state, Message = message!, MarketplaceCode = e.ErrorCode };
    }

    private LicenseStatus Unreachable(string license, MarketplaceApiException e, LicenseProxyAnswer? cached)
    {
        logger.LogWarning("License proxy: the marketplace did not answer for {License}: {Error}", license, e.Message);
        var now = time.GetUtcNow();
        var grace = options.Value.Grace;
        if (cached is not null && cached.CheckedAt + grace > now && JsonSerializer.Deserialize<LicenseStatus>(cached.Answer, JsonSerializerOptions.Web) is { } last)
        {
            return last with
            {
                Cached = true,
                GraceUntil = cached.CheckedAt + grace,
                Message = $"the marketplace cannot be reached; this is its answer of {cached.CheckedAt:u}, valid until {cached.CheckedAt + grace:u}",
            };
        }

        return new LicenseStatus
        {
            License = license,
            State = LicenseStates.Unavailable,
            Message = cached is null
                ? "the marketplace cannot be reached and KooGate has no earlier answer for this license; try again later"
                : $"the marketplace cannot be reached and its last answer ({cached.CheckedAt:u}) is older than the grace period of {grace.TotalHours:0.#} h",
            MarketplaceCode = e.ErrorCode,
        };
    }

    private static LicenseStatus FromStatus(string license, string status) => status switch
    {
        LicenseStatuses.Alive => new LicenseStatus { License = license, State = LicenseStates.Valid, Status = status, Message = "the license is valid" },
        LicenseStatuses.Expired => new LicenseStatus
        {
            License = license,
            State = LicenseStates.Expired,
            Status = status,
            Message = "the license expired and is frozen until the buyer renews it",
        },
        LicenseStatuses.Released => new LicenseStatus
        {
            License = license,
            State = LicenseStates.Released,
            Status = status,
            Message = "the license was released (unsubscribed or not renewed)",
        },
        _ => new LicenseStatus { License = license, State = LicenseStates.Refused, Status = status, Message = $"the marketplace reported the unknown status '{status}'" },
    };

    private static LicenseStatus Online(string instanceId, ResultCode code, string message) =>
        new() { License = instanceId, State = LicenseStates.Refused, ResultCode = code.Code, Message = $"{code.Message}: {message}" };

    private static LicenseStatus NotConfigured(string license) => new()
    {
        License = license,
        State = LicenseStates.Unavailable,
        Message = "KooGate has no marketplace open-API credentials (KooGate:Marketplace)",
    };

    private static DateTimeOffset? Time(string? digits) => KooTime.TryParseUtcDigits(digits, out var parsed) ? parsed : null;
}
