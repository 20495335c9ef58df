using System.Globalization;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Protocol.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.OpenApi;

/// <summary>
/// 按需使用量推送(新) (saas-v1-and-joint.md §6): body signed with the key bound to the basic interface
/// (<see cref="UsagePushSignature"/>); each record is booked against its resource, and a repeated
/// (instance, begin_time, end_time) window is ignored, as KooGallery processes only the first. Usage of an
/// <c>ON_DEMAND</c> product is billed: the record's charge is usage × the product's <c>price</c> (per unit), settled
/// like a sale; packages (<c>ON_DEMAND_PKG</c>, paid up front) and debugging instances are not billed.
/// </summary>
public static class UsageEndpoint
{
    public const string Path = "/api/mkp-openapi-public/global/v1/isv/usage-data";
    public const int MaxRecords = 1000;
    public static readonly TimeSpan MaxBeginAge = TimeSpan.FromDays(21);

    public static async Task<IResult> HandleAsync(HttpRequest request, EmulatorDb db, VirtualClock clock, IOptions<EmulatorOptions> options, CancellationToken ct)
    {
        var raw = await RawRequest.ReadAsync(request, ct);
        var products = await db.Products.AsNoTracking().Where(p => p.BasicKey != null).ToListAsync(ct);
        var keys = products.Select(p => p.BasicKey!).Distinct(StringComparer.Ordinal).ToList();
        var check = UsagePushSignature.Verify(keys, raw.Header(UsagePushSignature.SignatureHeader), raw.Header(UsagePushSignature.TimestampHeader),
            raw.Header(UsagePushSignature.NonceHeader), raw.Body, clock.TransportNow(options.Value.SignWithVirtualClock), Protocol.Signing.ApigSigner.MaxClockSkew);
        if (!check.IsValid)
        {
            return check.Verdict is SignatureVerdict.BadSignature or SignatureVerdict.NoKeyConfigured
                ? Reply(400, "MKT.0102", $"Invalid body sign: {check.Reason}")
                : Reply(400, "MKT.0199", $"Request parameter error: {check.Reason}");
        }

        var key = keys[check.KeyIndex];
        if (CountRecords(raw.Body) > MaxRecords)
        {
            return Reply(500, "MKT.9003", "Usage records extends size limit.");
        }

        if (!ProduceRequestParser.TryParse<UsagePushRequest>(raw.Body, out var message, out var error))
        {
            return Reply(400, "MKT.0101", $"Invalid parameter: {error}");
        }

        var now = clock.GetUtcNow();
        var accepted = new List<UsageRecordEntity>();
        foreach (var record in message.UsageRecords)
        {
            var resource = await db.Resources.AsNoTracking().SingleOrDefaultAsync(r => r.InstanceId == record.InstanceId, ct);
            if (resource is null)
            {
                return Reply(500, "MKT.9001", $"Instance ID not found: {record.InstanceId}");
            }

            var product = products.SingleOrDefault(p => p.ProductId == resource.ProductId);
            if (product?.BasicKey != key)
            {
                return Reply(401, "MKT.0150", $"Illegal operation: {record.InstanceId} is not an instance of this seller's products");
            }

            KooTime.TryParseSdkDate(record.BeginTime, out var begin);
            KooTime.TryParseSdkDate(record.EndTime, out var end);
            KooTime.TryParseSdkDate(record.RecordTime, out var recorded);
            if (end < begin)
            {
                return Reply(500, "MKT.0100", "Failure of input parameter: end_time is before begin_time");
            }

            if (now - begin > MaxBeginAge)
            {
                return Reply(500, "MKT.9004", "Record beginTime extends Limit.");
            }

            var usage = decimal.Parse(record.UsageValue, NumberStyles.Number, CultureInfo.InvariantCulture);
            var billed = product.ChargingMode == ChargingModes.OnDemand && !resource.Test;
            accepted.Add(new UsageRecordEntity
            {
                ResourceId = resource.ResourceId,
                InstanceId = record.InstanceId,
                MeteringSn = record.MeteringSn,
                BeginTime = begin,
                EndTime = end,
                RecordTime = recorded,
                UsageValue = usage,
                RelatePkgInstance = record.RelatePkgInstance,
                ReceivedAt = now,
                Charge = billed ? Orders.Settlement.Round(usage * product.Price) : 0m,
                PlatformFeeRate = product.PlatformFeeRate ?? options.Value.DefaultPlatformFeeRate,
            });
        }

        foreach (var record in accepted)
        {
            var duplicate = await db.UsageRecords.AnyAsync(
                u => u.ResourceId == record.ResourceId && u.BeginTime == record.BeginTime && u.EndTime == record.EndTime, ct)
                || db.UsageRecords.Local.Any(u => u.ResourceId == record.ResourceId && u.BeginTime == record.BeginTime && u.EndTime == record.EndTime);
            if (!duplicate)
            {
                db.UsageRecords.Add(record);
            }
        }

        await db.SaveChangesAsync(ct);
        return Reply(200, "MKT.0000", "success");
    }

    private static int CountRecords(byte[] body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("usage_records", out var records)
                && records.ValueKind == System.Text.Json.JsonValueKind.Array ? records.GetArrayLength() : 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return 0;
        }
    }

    private static IResult Reply(int status, string code, string message) =>
        Results.Text(KooJson.Serialize(new OpenApiResponse { ErrorCode = code, ErrorMsg = message }), "application/json", statusCode: status);
}
