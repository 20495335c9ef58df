using KooGate.Server.Admin;
using KooGate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Usage;

/// <summary>
/// The seller's app reports pay-per-use usage here; KooGate aggregates and pushes it. Reporting is idempotent by
/// <c>recordId</c>: the same record again is a duplicate, a different value under the same id is a conflict.
/// </summary>
public static class UsageAdminEndpoints
{
    public const int MaxRecordsPerCall = 1000;

    public static void MapUsageAdmin(this RouteGroupBuilder api)
    {
        api.MapPost("/usage", ReportAsync);
        api.MapGet("/usage", ListEntriesAsync);
        api.MapGet("/usage/periods", ListPeriodsAsync);
        api.MapPost("/usage/redrive", RedriveAsync);
    }

    private static async Task<IResult> ReportAsync(UsageReport report, KooGateDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (report.Records is not { Count: > 0 and <= MaxRecordsPerCall } records)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["records"] = [$"1 to {MaxRecordsPerCall} records"] });
        }

        var now = time.GetUtcNow();
        var results = new List<UsageReportResult>(records.Count);
        var ids = records.Select(r => r.RecordId).OfType<string>().ToList();
        var existing = await db.UsageEntries.AsNoTracking().Where(e => ids.Contains(e.RecordId)).ToDictionaryAsync(e => e.RecordId, cancellationToken);
        var instanceIds = records.Select(r => r.InstanceId).OfType<string>().Distinct().ToList();
        var known = (await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.InstanceId) && !i.IsTest).Select(i => i.InstanceId).ToListAsync(cancellationToken)).ToHashSet();
        var added = new Dictionary<string, UsageEntry>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var problem = Validate(record, known, now);
            if (problem is not null)
            {
                results.Add(new(record.RecordId, "invalid", problem));
                continue;
            }

            var entry = new UsageEntry { RecordId = record.RecordId!, InstanceId = record.InstanceId!, UsageTime = record.UsageTime!.Value.ToUniversalTime(), Value = record.Value!.Value, ReceivedAt = now };
            var previous = existing.GetValueOrDefault(entry.RecordId) ?? added.GetValueOrDefault(entry.RecordId);
            if (previous is not null)
            {
                var same = previous.InstanceId == entry.InstanceId && previous.UsageTime == entry.UsageTime && previous.Value == entry.Value;
                results.Add(new(entry.RecordId, same ? "duplicate" : "conflict", same ? null : "recordId already reported with other values"));
                continue;
            }

            added[entry.RecordId] = entry;
            db.UsageEntries.Add(entry);
            results.Add(new(entry.RecordId, "accepted", null));
        }

        if (!await db.TrySaveAsync(cancellationToken))
        {
            // A concurrent report of the same ids won the race; nothing was written by this call, so asking again is safe.
            return Results.Problem(statusCode: 409, title: "concurrent report of the same records", detail: "retry the call; it is idempotent");
        }

        return Results.Ok(new UsageReportReply(results.Count(r => r.Status == "accepted"), results));
    }

    private static string? Validate(UsageReportRecord record, HashSet<string> knownInstances, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(record.RecordId) || record.RecordId.Length > 64)
        {
            return "recordId: 1 to 64 characters";
        }

        if (record.InstanceId is null || !knownInstances.Contains(record.InstanceId))
        {
            return "instanceId: no such (non-debug) instance";
        }

        if (record.UsageTime is not { } at || at > now + TimeSpan.FromMinutes(5))
        {
            return "usageTime: required, not in the future";
        }

        if (record.Value is not { } value || value <= 0 || decimal.Round(value, 4) != value || value >= 100_000_000m)
        {
            return "value: greater than 0, at most 4 decimals, below 10^8";
        }

        return null;
    }

    /// <summary>
    /// The reported records, newest first, each with its state: <c>open</c> (its window is not closed yet), then its SDR's
    /// <c>pending</c>, <c>pushed</c> or <c>failed</c>; <c>?state=failed</c> lists what <c>/usage/redrive</c> can send again.
    /// </summary>
    private static async Task<IResult> ListEntriesAsync(KooGateDbContext db, string? instanceId, string? state, int? take, CancellationToken cancellationToken)
    {
        var query = db.UsageEntries.AsNoTracking();
        if (state is not null)
        {
            if (state.Equals(OpenState, StringComparison.OrdinalIgnoreCase))
            {
                query = query.Where(e => e.PeriodId == null);
            }
            else if (Enum.TryParse<UsagePeriodStatus>(state, ignoreCase: true, out var status))
            {
                query = query.Where(e => db.UsagePeriods.Any(p => p.Id == e.PeriodId && p.Status == status));
            }
            else
            {
                return Results.Problem(statusCode: 400, title: "unknown state", detail: $"state must be one of {string.Join(", ", States)}");
            }
        }

        query = instanceId is null ? query : query.Where(e => e.InstanceId == instanceId);
        var rows = await query.OrderByDescending(e => e.ReceivedAt).Take(AdminApi.Take(take)).ToListAsync(cancellationToken);
        var periodIds = rows.Select(e => e.PeriodId).OfType<long>().Distinct().ToList();
        var periods = await db.UsagePeriods.AsNoTracking().Where(p => periodIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return Results.Ok(rows.Select(e =>
        {
            var period = e.PeriodId is { } id ? periods.GetValueOrDefault(id) : null;
            return UsageEntryView.From(e, period);
        }));
    }

    /// <summary>
    /// Sends failed SDRs again with a fresh attempt budget: those holding the given record ids, or every failed one when
    /// no ids are given. An SDR is sent whole, so redriving one record redrives the records billed with it.
    /// </summary>
    private static async Task<IResult> RedriveAsync(HttpRequest http, KooGateDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        UsageRedriveRequest? body = null;
        if (http.ContentLength is not 0 && http.HasJsonContentType())
        {
            try
            {
                body = await http.ReadFromJsonAsync<UsageRedriveRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException e)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"a JSON array of record ids ({e.Message})"] });
            }
        }

        var failed = db.UsagePeriods.Where(p => p.Status == UsagePeriodStatus.Failed);
        List<string> unknown = [];
        List<string> notFailed = [];
        if (body?.Ids is { Count: > 0 } ids)
        {
            if (ids.Count > MaxRecordsPerCall || ids.Any(string.IsNullOrEmpty))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"1 to {MaxRecordsPerCall} record ids"] });
            }

            var entries = await db.UsageEntries.AsNoTracking().Where(e => ids.Contains(e.RecordId)).Select(e => new { e.RecordId, e.PeriodId }).ToListAsync(cancellationToken);
            var periodIds = entries.Select(e => e.PeriodId).OfType<long>().Distinct().ToList();
            var failedIds = (await failed.Where(p => periodIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
            unknown = ids.Except(entries.Select(e => e.RecordId)).Distinct().ToList();
            notFailed = entries.Where(e => e.PeriodId is not { } id || !failedIds.Contains(id)).Select(e => e.RecordId).ToList();
            failed = failed.Where(p => failedIds.Contains(p.Id));
        }

        var now = time.GetUtcNow();
        var redriven = await failed.Select(p => new { p.Id, p.EntryCount }).ToListAsync(cancellationToken);
        var redrivenIds = redriven.Select(p => p.Id).ToList();
        var updated = await db.UsagePeriods.Where(p => redrivenIds.Contains(p.Id) && p.Status == UsagePeriodStatus.Failed).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, UsagePeriodStatus.Pending)
            .SetProperty(p => p.Attempts, 0)
            .SetProperty(p => p.NextAttemptAt, now), cancellationToken);
        return Results.Ok(new UsageRedriveReply(updated, redriven.Sum(p => p.EntryCount), unknown, notFailed));
    }

    internal const string OpenState = "open";

    private static readonly string[] States = [OpenState, .. Enum.GetNames<UsagePeriodStatus>().Select(n => n.ToLowerInvariant())];

    private static async Task<IResult> ListPeriodsAsync(KooGateDbContext db, string? instanceId, string? status, int? take, CancellationToken cancellationToken)
    {
        var query = db.UsagePeriods.AsNoTracking();
        if (status is not null)
        {
            if (!Enum.TryParse<UsagePeriodStatus>(status, ignoreCase: true, out var parsed))
            {
                return Results.Problem(statusCode: 400, title: "unknown status", detail: $"status must be one of {string.Join(", ", Enum.GetNames<UsagePeriodStatus>())}");
            }

            query = query.Where(p => p.Status == parsed);
        }

        query = instanceId is null ? query : query.Where(p => p.InstanceId == instanceId);
        var rows = await query.OrderByDescending(p => p.Id).Take(AdminApi.Take(take)).ToListAsync(cancellationToken);
        return Results.Ok(rows.Select(p => new UsagePeriodView(
            p.Id, p.InstanceId, p.BeginTime, p.EndTime, p.Value, p.EntryCount, p.MeteringSn, p.Status.ToString(), p.Attempts, p.NextAttemptAt, p.LastError, p.PushedAt)));
    }
}

public sealed record UsageReport(IReadOnlyList<UsageReportRecord>? Records);

public sealed record UsageReportRecord(string? RecordId, string? InstanceId, DateTimeOffset? UsageTime, decimal? Value);

public sealed record UsageReportResult(string? RecordId, string Status, string? Error);

public sealed record UsageReportReply(int Accepted, IReadOnlyList<UsageReportResult> Results);

public sealed record UsageEntryView(
    string RecordId, string InstanceId, DateTimeOffset UsageTime, decimal Value, DateTimeOffset ReceivedAt, long? PeriodId, string State, string? LastError)
{
    /// <summary>The record with the state of the SDR that bills it (<c>open</c> while no SDR does).</summary>
    public static UsageEntryView From(Data.UsageEntry entry, Data.UsagePeriod? period) => new(
        entry.RecordId, entry.InstanceId, entry.UsageTime, entry.Value, entry.ReceivedAt, entry.PeriodId,
        period?.Status.ToString().ToLowerInvariant() ?? UsageAdminEndpoints.OpenState, period?.LastError);
}

/// <summary>Record ids whose failed SDRs to send again; none (or no body) means every failed SDR.</summary>
public sealed record UsageRedriveRequest(IReadOnlyList<string>? Ids);

/// <summary>How many SDRs (and records billed in them) go out again; given ids that are unknown or not failed.</summary>
public sealed record UsageRedriveReply(int RedrivenPeriods, int RedrivenRecords, IReadOnlyList<string> UnknownIds, IReadOnlyList<string> NotFailedIds);

public sealed record UsagePeriodView(
    long Id, string InstanceId, DateTimeOffset BeginTime, DateTimeOffset EndTime, decimal Value, int EntryCount, string MeteringSn, string Status,
    int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? PushedAt);
