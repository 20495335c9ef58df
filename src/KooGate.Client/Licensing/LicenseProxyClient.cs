using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace KooGate.Client.Licensing;

/// <summary>
/// For the seller's distributed software: activates and checks its license through KooGate's license proxy, so the
/// software carries no marketplace AK/SK. <c>http.BaseAddress</c> is KooGate's public address. Every KooGate answer,
/// refusals included, comes back as a <see cref="LicenseStatus"/>; only a failure to reach KooGate throws
/// (<see cref="HttpRequestException"/>, or <see cref="TaskCanceledException"/> on timeout).
/// </summary>
public sealed class LicenseProxyClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Activates a license code once (a second activation answers with the code's current state).</summary>
    public Task<LicenseStatus> ActivateAsync(string code, CancellationToken cancellationToken = default) =>
        PostAsync($"license/v1/codes/{Escape(code)}/activate", null, cancellationToken);

    /// <summary>The daily check of a license code.</summary>
    public Task<LicenseStatus> HeartbeatAsync(string code, CancellationToken cancellationToken = default) =>
        PostAsync($"license/v1/codes/{Escape(code)}/heartbeat", null, cancellationToken);

    /// <summary>Registers this device on an online license (counted against the quantity bought).</summary>
    public Task<LicenseStatus> RegisterDeviceAsync(string instanceId, string deviceFingerprint, CancellationToken cancellationToken = default) =>
        PostAsync($"license/v1/online/{Escape(instanceId)}/devices", new { deviceFingerprint }, cancellationToken);

    /// <summary>The daily check of a registered device.</summary>
    public Task<LicenseStatus> DeviceHeartbeatAsync(string instanceId, string deviceFingerprint, CancellationToken cancellationToken = default) =>
        PostAsync($"license/v1/online/{Escape(instanceId)}/heartbeat", new { deviceFingerprint }, cancellationToken);

    /// <summary>Frees this device's place on the online license.</summary>
    public async Task ReleaseDeviceAsync(string instanceId, string deviceFingerprint, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"license/v1/online/{Escape(instanceId)}/devices/release", new { deviceFingerprint }, Json, cancellationToken)
            .ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The device fingerprint as the online-license guide builds it: <c>mac|disk|board|cpu</c>, upper case, several
    /// values of one kind joined with commas, empty where unknown (license-order-openapi.md §C.3).
    /// </summary>
    public static string Fingerprint(IEnumerable<string> macAddresses, IEnumerable<string> diskIds, string? boardId, string? cpuId) =>
        $"{string.Join(',', macAddresses)}|{string.Join(',', diskIds)}|{boardId}|{cpuId}".ToUpperInvariant();

    private async Task<LicenseStatus> PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body, options: Json),
        };
        request.Headers.UserAgent.Add(ProductInfoHeaderValue.Parse(KooGateClientInfo.UserAgent));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        LicenseStatus? status = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            status = await response.Content.ReadFromJsonAsync<LicenseStatus>(Json, cancellationToken).ConfigureAwait(false);
        }

        return (status ?? new LicenseStatus
        {
            State = LicenseStates.Unavailable,
            Message = $"KooGate answered HTTP {(int)response.StatusCode} without a license answer",
        }) with
        { HttpStatus = (int)response.StatusCode };
    }

    private static string Escape(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}
