using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.OpenApi;

/// <summary>
/// The marketplace open APIs the seller calls: 查询订单, license activate and heartbeat, usage push, string and file
/// upload (license-order-openapi.md §C.2, §D.2, §D.3; saas-v1-and-joint.md §6). <c>http.BaseAddress</c> is the
/// marketplace base URL, e.g. <see cref="MarketplaceSites.China"/>; a path prefix on it is kept.
/// </summary>
/// <remarks>
/// Every call builds and APIG-signs ("SDK-HMAC-SHA256", §E.3) a fresh request, so retrying a call re-signs it. A retry
/// handler inside the <see cref="HttpClient"/> re-sends the signed request as is, which the gateway accepts while
/// <c>X-Sdk-Date</c> is within 15 minutes. Bodies are buffered so they can be re-sent. Failures throw
/// <see cref="MarketplaceApiException"/>; invalid arguments throw <see cref="ArgumentException"/> before sending.
/// </remarks>
public sealed class MarketplaceClient(HttpClient http, ApigCredentials credentials, TimeProvider time)
{
    /// <summary>The documented limit of 按需使用量推送(新) (an older copy of the page says 100).</summary>
    public const int UsagePushLimit = 1000;

    /// <summary>APIG rejects a body over 12 MB (APIGW.0201, §E.6); the multipart framing needs a little room.</summary>
    public const int MaxUploadFileBytes = (12 * 1024 * 1024) - (64 * 1024);

    private const int MaxEventIdLength = 64;
    private const int MaxCharactersLength = 1024;

    public MarketplaceApiPaths Paths { get; init; } = MarketplaceApiPaths.Default;

    /// <summary>Records per usage push; 1 to <see cref="UsagePushLimit"/>.</summary>
    public int MaxUsageRecordsPerPush
    {
        get;
        init => field = value is >= 1 and <= UsagePushLimit
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"must be between 1 and {UsagePushLimit}");
    } = UsagePushLimit;

    /// <summary>查询订单 (§D.2); throws unless <c>resultCode</c> is <c>MKT.0000</c>.</summary>
    public Task<QueryOrderResponse> QueryOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        QueryOrderAsync(orderId, null, cancellationToken);

    public Task<QueryOrderResponse> QueryOrderAsync(string orderId, string? orderLineId, CancellationToken cancellationToken = default)
    {
        RequireText(orderId, nameof(orderId), "orderId", 64);
        if (orderLineId is not null)
        {
            RequireText(orderLineId, nameof(orderLineId), "orderLineId", 64);
        }

        // Parameters in ordinal order, so the URL sent carries the canonical query string (§E.3 step 12).
        var query = "?orderId=" + Uri.EscapeDataString(orderId)
            + (orderLineId is null ? string.Empty : "&orderLineId=" + Uri.EscapeDataString(orderLineId));
        return SendAsync(HttpMethod.Get, Paths.QueryOrder, query, EmptyJsonContent(), null,
            KooJsonContext.Default.QueryOrderResponse, cancellationToken);
    }

    /// <summary>激活授权码 v1 (§C.2.1). <c>92020003</c> (already active) throws with <see cref="MarketplaceApiException.IsAlreadyActivated"/>.</summary>
    public Task<LicenseActivateResponse> ActivateLicenseAsync(
        string license, DateTimeOffset? realEffectTime = null, CancellationToken cancellationToken = default) =>
        ActivateLicenseAsync(
            new LicenseActivateRequest { License = license, RealEffectTime = realEffectTime is { } t ? KooTime.ToUtc14(t) : null },
            cancellationToken);

    public Task<LicenseActivateResponse> ActivateLicenseAsync(LicenseActivateRequest request, CancellationToken cancellationToken = default) =>
        PostJsonAsync(Paths.LicenseActivate, request, KooJsonContext.Default.LicenseActivateRequest,
            KooJsonContext.Default.LicenseActivateResponse, cancellationToken);

    /// <summary>激活授权码 v2: up to 100 codes in one call; the whole batch fails if one code is invalid (§C.2.1).</summary>
    public Task<OpenApiResponse> ActivateLicensesAsync(LicenseActivateV2Request request, CancellationToken cancellationToken = default) =>
        PostJsonAsync(Paths.LicenseActivateV2, request, KooJsonContext.Default.LicenseActivateV2Request,
            KooJsonContext.Default.OpenApiResponse, cancellationToken);

    /// <summary>
    /// 授权码心跳检测 v1 (§C.2.2). Online-license (在线开通) products may pass their instanceId as the license and
    /// must send <c>heartbeatInfo</c>.
    /// </summary>
    public Task<LicenseHeartbeatResponse> HeartbeatLicenseAsync(LicenseHeartbeatRequest request, CancellationToken cancellationToken = default) =>
        PostJsonAsync(Paths.LicenseHeartbeat, request, KooJsonContext.Default.LicenseHeartbeatRequest,
            KooJsonContext.Default.LicenseHeartbeatResponse, cancellationToken);

    public Task<LicenseHeartbeatResponse> HeartbeatLicenseAsync(
        string license, HeartbeatInfo? heartbeatInfo = null, CancellationToken cancellationToken = default) =>
        HeartbeatLicenseAsync(new LicenseHeartbeatRequest { License = license, HeartbeatInfo = heartbeatInfo }, cancellationToken);

    /// <summary>授权码心跳检测 v2 (batch query, [UNCONFIRMED] shape, §C.2.2).</summary>
    public Task<LicenseHeartbeatV2Response> HeartbeatLicensesAsync(LicenseHeartbeatV2Request request, CancellationToken cancellationToken = default) =>
        PostJsonAsync(Paths.LicenseHeartbeatV2, request, KooJsonContext.Default.LicenseHeartbeatV2Request,
            KooJsonContext.Default.LicenseHeartbeatV2Response, cancellationToken);

    /// <summary>
    /// 按需使用量推送(新): one call, at most <see cref="MaxUsageRecordsPerPush"/> records (more is an
    /// <see cref="ArgumentException"/>; use <see cref="PushUsageInBatchesAsync"/>). Besides the APIG signature the
    /// body is signed with <paramref name="accessKey"/>, the 密钥管理 key bound to the basic interface
    /// (saas-v1-and-joint.md §2.7).
    /// </summary>
    public Task<OpenApiResponse> PushUsageAsync(UsagePushRequest request, string accessKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(accessKey);
        if (request.UsageRecords.Count > MaxUsageRecordsPerPush)
        {
            throw new ArgumentException(
                $"{request.UsageRecords.Count} usage records exceed the limit of {MaxUsageRecordsPerPush} per push; "
                + $"split them ({nameof(PushUsageInBatchesAsync)})", nameof(request));
        }

        Validate(request, nameof(request));

        // The signature covers the exact body string; UsageRecord declares its fields in ordinal order (§2.7).
        var body = KooJson.Serialize(request);
        var ts = KooTime.ToEpochMilliseconds(time.GetUtcNow());
        var nonce = Guid.NewGuid().ToString();
        var signature = UsagePushSignature.Compute(accessKey, ts, nonce, body);
        return SendAsync(HttpMethod.Post, Paths.UsagePush, null, JsonContent(Encoding.UTF8.GetBytes(body)),
            message =>
            {
                message.Headers.TryAddWithoutValidation(UsagePushSignature.SignatureHeader, signature);
                message.Headers.TryAddWithoutValidation(UsagePushSignature.TimestampHeader, ts);
                message.Headers.TryAddWithoutValidation(UsagePushSignature.NonceHeader, nonce);
            },
            KooJsonContext.Default.OpenApiResponse, cancellationToken);
    }

    /// <summary>
    /// Pushes any number of records in consecutive calls of at most <see cref="MaxUsageRecordsPerPush"/>, yielding
    /// each call's response as it succeeds and throwing at the first failure (later batches are not sent). Every
    /// record is validated before the first call. Re-pushing accepted records is safe: the marketplace keeps only
    /// the first record per instance and time window (saas-v1-and-joint.md §6).
    /// </summary>
    public async IAsyncEnumerable<OpenApiResponse> PushUsageInBatchesAsync(
        IReadOnlyList<UsageRecord> records, string accessKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentException.ThrowIfNullOrEmpty(accessKey);
        var batches = records.Chunk(MaxUsageRecordsPerPush).Select(chunk => new UsagePushRequest { UsageRecords = chunk }).ToList();
        if (batches.Count == 0)
        {
            throw new ArgumentException("there are no usage records to push", nameof(records));
        }

        for (var i = 0; i < batches.Count; i++)
        {
            Validate(batches[i], nameof(records), offset: i * MaxUsageRecordsPerPush);
        }

        foreach (var batch in batches)
        {
            yield return await PushUsageAsync(batch, accessKey, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>字符串上传: delivers a string (at most 1024 characters) for a marketplace event (§D.3).</summary>
    public Task<OpenApiResponse> UploadStringAsync(string eventId, string characters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(characters);
        if (characters.Length is 0 or > MaxCharactersLength)
        {
            throw new ArgumentException($"characters must be 1 to {MaxCharactersLength} characters long", nameof(characters));
        }

        var part = new IsvUpdateFileRequest { Type = UploadTypes.Characters, Characters = characters };
        return UploadAsync(eventId, part, null, cancellationToken);
    }

    /// <summary>文件流上传: delivers a file (e.g. a licence) for a marketplace event, with its SHA-256 (§D.3).</summary>
    public Task<OpenApiResponse> UploadFileAsync(
        string eventId, string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        RequireText(fileName, nameof(fileName), "file_name", 1024);
        if (content.Length > MaxUploadFileBytes)
        {
            throw new ArgumentException(
                $"the file has {content.Length} bytes; the gateway accepts at most {MaxUploadFileBytes}", nameof(content));
        }

        var part = new IsvUpdateFileRequest
        {
            Type = UploadTypes.File,
            FileName = fileName,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span)),
        };
        return UploadAsync(eventId, part, (fileName, content), cancellationToken);
    }

    private async Task<OpenApiResponse> UploadAsync(
        string eventId, IsvUpdateFileRequest request, (string Name, ReadOnlyMemory<byte> Content)? file, CancellationToken cancellationToken)
    {
        RequireText(eventId, nameof(eventId), "event_id", MaxEventIdLength);
        Validate(request, nameof(request));
        var path = Paths.EventFileUpload.Replace(MarketplaceApiPaths.EventIdPlaceholder, Uri.EscapeDataString(eventId), StringComparison.Ordinal);
        var content = await UploadContent.BuildAsync(request, file, cancellationToken).ConfigureAwait(false);
        return await SendAsync(HttpMethod.Post, path, null, content, null, KooJsonContext.Default.OpenApiResponse, cancellationToken)
            .ConfigureAwait(false);
    }

    private Task<TResponse> PostJsonAsync<TRequest, TResponse>(
        string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request, nameof(request));
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return SendAsync(HttpMethod.Post, path, null, JsonContent(body), null, responseType, cancellationToken);
    }

    /// <summary>
    /// Where to retry a call once when the base address is unreachable (no HTTP answer at all): by default
    /// <see cref="MarketplaceSites.ChinaFallback"/> for <see cref="MarketplaceSites.China"/> (license-order-openapi.md §0:
    /// "if unreachable retry with https://mkt.myhuaweicloud.cn"), none for other sites.
    /// </summary>
    public Uri? FallbackBaseAddress
    {
        get => field ?? (http.BaseAddress is { } main && main.Host == MarketplaceSites.China.Host ? MarketplaceSites.ChinaFallback : null);
        init;
    }

    private async Task<TResponse> SendAsync<TResponse>(
        HttpMethod method, string path, string? query, HttpContent content, Action<HttpRequestMessage>? addHeaders,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var operation = $"{method.Method} {path}";
        var main = http.BaseAddress ?? throw new InvalidOperationException("the HttpClient has no BaseAddress (the marketplace base URL)");
        using (content)
        {
            try
            {
                return await SendToAsync(main, method, path, query, content, addHeaders, responseType, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.StatusCode is null && FallbackBaseAddress is { } fallback && !cancellationToken.IsCancellationRequested)
            {
                // Unreachable: the same call, signed again for the fallback host.
                try
                {
                    return await SendToAsync(fallback, method, path, query, content, addHeaders, responseType, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception retry) when (Failure(operation, retry, cancellationToken) is { } failure)
                {
                    throw failure;
                }
            }
            catch (Exception e) when (Failure(operation, e, cancellationToken) is { } failure)
            {
                throw failure;
            }
        }
    }

    private async Task<TResponse> SendToAsync<TResponse>(
        Uri root, HttpMethod method, string path, string? query, HttpContent content, Action<HttpRequestMessage>? addHeaders,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, Url(root, path, query)) { Content = content };
        try
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            addHeaders?.Invoke(request);
            await ApigSigningHandler.SignAsync(request, credentials, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return MarketplaceResponseReader.Read($"{method.Method} {path}", response.StatusCode, body, responseType);
        }
        finally
        {
            // The content is the caller's: a fallback attempt sends it again.
            request.Content = null;
            request.Dispose();
        }
    }

    /// <summary>A transport failure as a <see cref="MarketplaceApiException"/>; null for anything else (rethrown as is).</summary>
    private MarketplaceApiException? Failure(string operation, Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException e => new MarketplaceApiException(operation, null, null, null, isTransient: true,
            detail: $"timed out after {http.Timeout.TotalSeconds:0.#} s", innerException: e),
        // A TLS failure will not heal by itself; connection resets and refusals may.
        HttpRequestException e => new MarketplaceApiException(operation, e.StatusCode, null, null,
            isTransient: e.HttpRequestError != HttpRequestError.SecureConnectionError, detail: e.Message, innerException: e),
        _ => null,
    };

    private static Uri Url(Uri baseAddress, string path, string? query)
    {
        var root = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(root + "/" + path.TrimStart('/') + query, UriKind.Absolute);
    }

    private static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>GETs carry <c>Content-Type</c> too, as in the 查询订单 example (§D.2); the body is empty.</summary>
    private static ByteArrayContent EmptyJsonContent() => JsonContent([]);

    private static void Validate(object message, string parameter, int offset = 0)
    {
        if (MessageValidator.Validate(message) is { } error)
        {
            var field = offset == 0 ? error.Field : ShiftIndex(error.Field, offset);
            throw new ArgumentException($"{field} {error.Problem}", parameter);
        }
    }

    /// <summary>Reports <c>usage_records[3]</c> of the second batch as its index in the caller's whole list.</summary>
    private static string ShiftIndex(string field, int offset)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return open > 0 && close > open && int.TryParse(field.AsSpan(open + 1, close - open - 1), out var index)
            ? $"{field[..(open + 1)]}{index + offset}{field[close..]}"
            : field;
    }

    private static void RequireText(string? value, string parameter, string wireName, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            throw new ArgumentException($"{wireName} must be 1 to {maxLength} characters long", parameter);
        }
    }
}
