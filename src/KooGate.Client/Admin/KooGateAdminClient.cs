using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KooGate.Client.Admin;

/// <summary>
/// A typed client for KooGate's admin API (<c>/admin/api</c>), authenticated with the admin API key in
/// <c>X-Api-Key</c>. Every refusal throws a <see cref="KooGateAdminException"/> subclass that names the status and
/// the server's reason.
/// </summary>
public sealed class KooGateAdminClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private const string Prefix = "admin/api/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _apiKey;

    /// <param name="baseAddress">The server's root, e.g. <c>http://127.0.0.1:8080/</c>.</param>
    public KooGateAdminClient(Uri baseAddress, string apiKey)
        : this(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) }, apiKey) => _ownsHttp = true;

    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the server's root; not disposed by this one.</param>
    public KooGateAdminClient(HttpClient http, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress (the KooGate server's root)", nameof(http));
        }

        _http = http;
        _apiKey = apiKey;
    }

    // Instances

    public Task<AdminPage<AdminInstance>> ListInstancesAsync(InstanceQuery? query = null, CancellationToken cancellationToken = default) =>
        GetPageAsync<AdminInstance>((query ?? new()).ToQuery().Apply("instances"), cancellationToken);

    public Task<AdminInstanceDetails> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync<AdminInstanceDetails>(HttpMethod.Get, $"instances/{Escape(instanceId)}", null, cancellationToken);

    /// <summary>Finishes asynchronous provisioning: the instance becomes active and the buyer receives <paramref name="appInfo"/>.</summary>
    public Task<AdminInstance> CompleteInstanceAsync(string instanceId, CompleteProvisioning appInfo, CancellationToken cancellationToken = default) =>
        SendAsync<AdminInstance>(HttpMethod.Post, $"instances/{Escape(instanceId)}/complete", appInfo, cancellationToken);

    /// <summary>Gives up provisioning; <paramref name="code"/> is the six-digit result code the marketplace then sees.</summary>
    public Task<AdminInstance> FailInstanceAsync(string instanceId, string? code = null, string? message = null, CancellationToken cancellationToken = default) =>
        SendAsync<AdminInstance>(HttpMethod.Post, $"instances/{Escape(instanceId)}/fail", new { code, message }, cancellationToken);

    /// <summary>Runs provisioning again for an instance whose provisioning failed.</summary>
    public Task<JsonElement> RetryInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"instances/{Escape(instanceId)}/retry", null, cancellationToken);

    // Webhook deliveries

    public Task<AdminPage<AdminDelivery>> ListOutboxAsync(OutboxQuery? query = null, CancellationToken cancellationToken = default) =>
        GetPageAsync<AdminDelivery>((query ?? new()).ToQuery().Apply("outbox"), cancellationToken);

    /// <summary>One delivery with its payload and attempt history (newest attempt first).</summary>
    public Task<AdminDelivery> GetDeliveryAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<AdminDelivery>(HttpMethod.Get, $"outbox/{id}", null, cancellationToken);

    /// <summary>Queues a delivery again with a fresh attempt budget (dead or delivered alike).</summary>
    public Task<AdminDelivery> RedeliverAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<AdminDelivery>(HttpMethod.Post, $"outbox/{id}/redeliver", null, cancellationToken);

    // Usage

    public Task<AdminPage<AdminUsageEntry>> ListUsageAsync(UsageQuery? query = null, CancellationToken cancellationToken = default) =>
        GetPageAsync<AdminUsageEntry>((query ?? new()).ToQuery().Apply("usage"), cancellationToken);

    public Task<AdminPage<AdminUsagePeriod>> ListUsagePeriodsAsync(string? instanceId = null, string? status = null, int? take = null, CancellationToken cancellationToken = default) =>
        GetPageAsync<AdminUsagePeriod>(new QueryBuilder().Add("instanceId", instanceId).Add("status", status).Add("take", take).Apply("usage/periods"), cancellationToken);

    /// <summary>Reports usage; idempotent by record id (the same record again is a duplicate, not a second use).</summary>
    public Task<UsageReportResult> ReportUsageAsync(IEnumerable<UsageRecord> records, CancellationToken cancellationToken = default) =>
        SendAsync<UsageReportResult>(HttpMethod.Post, "usage", new { records = records.ToList() }, cancellationToken);

    /// <summary>Pushes failed usage again: the given records, or every failed one when <paramref name="ids"/> is null.</summary>
    public Task<JsonElement> RedriveUsageAsync(IEnumerable<string>? ids = null, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, "usage/redrive", ids is null ? null : new { ids = ids.ToList() }, cancellationToken);

    // Kit tenants

    public async Task<AdminPage<AdminTenant>> ListTenantsAsync(TenantQuery? query = null, CancellationToken cancellationToken = default) =>
        await SendAsync<AdminPage<AdminTenant>>(HttpMethod.Get, (query ?? new()).ToQuery().Apply("tenants"), null, cancellationToken);

    /// <summary>A tenant with its applications, users and department tree; a credential application's tenant has instance id "".</summary>
    public Task<AdminTenantDetails> GetTenantAsync(string instanceId, string tenantId, CancellationToken cancellationToken = default) =>
        SendAsync<AdminTenantDetails>(HttpMethod.Get, $"tenants/{(instanceId.Length == 0 ? "_" : Escape(instanceId))}/{Escape(tenantId)}", null, cancellationToken);

    // Callback log

    public Task<AdminPage<AdminCallback>> ListCallbacksAsync(CallbackQuery? query = null, CancellationToken cancellationToken = default) =>
        GetPageAsync<AdminCallback>((query ?? new()).ToQuery().Apply("callbacks"), cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>The array-shaped lists carry their total in <c>X-Total-Count</c> (an older server without it: the page's own count).</summary>
    private async Task<AdminPage<T>> GetPageAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        var items = await ReadAsync<List<T>>(response, cancellationToken);
        var total = response.Headers.TryGetValues("X-Total-Count", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : items.Count;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(_http.BaseAddress!, Prefix + path).Query);
        var skip = int.TryParse(query["skip"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var take = int.TryParse(query["take"], NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : items.Count;
        return new AdminPage<T>(items, total, skip, take);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Prefix + path);
        request.Headers.Add(ApiKeyHeader, _apiKey);
        request.Headers.UserAgent.ParseAdd(KooGateClientInfo.UserAgent);
        request.Content = body is null ? null : JsonContent.Create(body, options: Json);
        var response = await _http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await RefusalAsync(response, cancellationToken);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (typeof(T) == typeof(JsonElement) && text.Length == 0)
        {
            return (T)(object)default(JsonElement);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Json)
                ?? throw new KooGateAdminException(response.StatusCode, "empty answer", $"{response.RequestMessage?.RequestUri} answered null");
        }
        catch (JsonException e)
        {
            throw new KooGateAdminException(response.StatusCode, "unreadable answer", $"{response.RequestMessage?.RequestUri}: {e.Message}");
        }
    }

    private static async Task<KooGateAdminException> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (title, detail, errors) = await ReadProblemAsync(response, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new KooGateAdminUnauthorizedException(response.StatusCode, title, detail),
            HttpStatusCode.NotFound => new KooGateAdminNotFoundException(title ?? "not found", detail ?? response.RequestMessage?.RequestUri?.AbsolutePath),
            HttpStatusCode.Conflict => new KooGateAdminConflictException(title, detail),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new KooGateAdminValidationException(response.StatusCode, title, detail, errors),
            _ => new KooGateAdminException(response.StatusCode, title, detail, errors),
        };
    }

    /// <summary>Reads an RFC 9457 problem document; anything else leaves the fields empty.</summary>
    private static async Task<(string? Title, string? Detail, Dictionary<string, string[]>? Errors)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Array
                    ? p.Value.EnumerateArray().Select(v => v.ToString()).ToArray()
                    : [p.Value.ToString()])
                : null;
            return (title, detail, errors);
        }
        catch (JsonException)
        {
            return (null, text.Length is > 0 and <= 200 ? text.Trim() : null, null);
        }
    }
}
