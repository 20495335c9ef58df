namespace KooGate.Server.Configuration;

/// <summary>The <c>KooGate</c> configuration section (environment variables <c>KooGate__…</c>).</summary>
public sealed class KooGateOptions
{
    public const string Section = "KooGate";

    /// <summary>The production address path KooGallery calls; Kit sub-paths are appended to it.</summary>
    public string ProductionPath { get; set; } = "/produce";

    /// <summary>Allowed clock skew either side of now for V2 timestamps (README decision 1).</summary>
    public int TimestampWindowSeconds { get; set; } = 60;

    /// <summary>Adds <c>Body-Sign</c> to V2 responses too (harmless there; README decision 6).</summary>
    public bool BodySignOnV2 { get; set; } = true;

    /// <summary>PEM file holding the RSA private key that decrypts Kit <c>clientSecret</c>.</summary>
    public string? RsaPrivateKeyPath { get; set; }

    /// <summary>Where the embedded SQLite database and generated development secrets live.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Base64 of 32 bytes that encrypts secrets at rest; generated for development when absent.</summary>
    public string? SecretsKey { get; set; }

    public MarketplaceOptions Marketplace { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();

    public ProvisioningOptions Provisioning { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    /// <summary>Reverse proxies trusted to forward the client's address, scheme and host (off by default).</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public V1Options V1 { get; set; } = new();

    public LicenseOptions License { get; set; } = new();

    public UsageOptions Usage { get; set; } = new();

    public ChangeCheckOptions ChangeCheck { get; set; } = new();

    /// <summary>Per-product overrides of the webhook, provisioning and change-check settings (docs/configuration.md).</summary>
    public List<ProductOptions> Products { get; set; } = [];

    public RetentionOptions Retention { get; set; } = new();

    /// <summary>E-mail and chat notifications of incidents; off until a channel is configured.</summary>
    public Notifications.NotificationOptions Notifications { get; set; } = new();

    /// <summary>
    /// How long a production-interface call may take before KooGate answers on its own (KooGallery gives up after
    /// 5 s): <c>000005</c> when nothing was committed, <c>000004</c> for a create whose instance is stored.
    /// </summary>
    public int CallDeadlineMilliseconds { get; set; } = 4000;
}

/// <summary>
/// How long the maintenance worker keeps records that only grow; 0 keeps them forever. Nonces need no setting: they
/// are forgotten once they can no longer pass the timestamp window (three windows after they were seen).
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Production-interface calls in the callback log.</summary>
    public int CallbackLogDays { get; set; } = 30;

    /// <summary>The event history of instances released this long ago (the instance row itself is kept).</summary>
    public int ReleasedInstanceEventsDays { get; set; } = 180;

    /// <summary>Outbox messages delivered this long ago (undelivered and dead ones are never purged).</summary>
    public int DeliveredOutboxDays { get; set; } = 7;

    /// <summary>Delivery attempts (the per-attempt history of a delivery); a purged delivered message takes its attempts along.</summary>
    public int DeliveryAttemptDays { get; set; } = 30;

    /// <summary>Debug (<c>testFlag=1</c>) instances, with their events and purchase rows, untouched this long.</summary>
    public int DebugInstanceDays { get; set; } = 7;
}

/// <summary>Pay-per-use usage: aggregation windows and pushes to 按需使用量推送 (saas-v1-and-joint.md §6).</summary>
public sealed class UsageOptions
{
    /// <summary>Length of one SDR window; hourly billing wants at most 60.</summary>
    public int WindowMinutes { get; set; } = 60;

    /// <summary>How long after a window ends KooGate waits for late reports before closing it (push by minute 15).</summary>
    public int CloseDelaySeconds { get; set; } = 300;

    public int MaxAttempts { get; set; } = 12;

    public double FirstRetrySeconds { get; set; } = 60;

    public double MaxRetrySeconds { get; set; } = 1800;

    public int PollIntervalMilliseconds { get; set; } = 5000;
}

/// <summary>The marketplace open API (查询订单 and friends), signed with AK/SK.</summary>
public sealed class MarketplaceOptions
{
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Where a call is retried once when <see cref="BaseUrl"/> is unreachable; unset means mkt.myhuaweicloud.cn for
    /// mkt.myhuaweicloud.com (license-order-openapi.md §0) and none for other sites.
    /// </summary>
    public string? FallbackBaseUrl { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(AccessKey) && !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>查询订单 fetches per order line before it is marked failed (each fetch itself retries transient errors).</summary>
    public int FetchMaxAttempts { get; set; } = 10;

    public double FetchFirstRetrySeconds { get; set; } = 30;

    public double FetchMaxRetrySeconds { get; set; } = 3600;

    /// <summary>
    /// A fetch marked failed is tried again this many more times (0: never), further apart: an open API that was down
    /// for hours still yields <c>instance.order_details</c> once it recovers.
    /// </summary>
    public int FailedFetchRetries { get; set; } = 12;

    public double FailedFetchFirstRetrySeconds { get; set; } = 3600;

    public double FailedFetchMaxRetrySeconds { get; set; } = 21600;

    public int PollIntervalMilliseconds { get; set; } = 2000;
}

/// <summary>Signed event delivery to the seller's application.</summary>
public sealed class WebhookOptions
{
    public string? Url { get; set; }

    /// <summary>
    /// The Standard Webhooks signing secret(s), <c>whsec_</c> + Base64 of 24 to 64 random bytes; generated for
    /// development when absent. To rotate, configure the new and the old one separated by a space: every delivery then
    /// carries both signatures until the old one is removed.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// How long an event about a SaaS V2 order waits for the order's 查询订单 details before it goes out with
    /// <c>order: null</c> (<c>instance.order_details</c> follows); 0 sends at once. Later events of the instance wait behind it.
    /// </summary>
    public int OrderDetailsWaitSeconds { get; set; } = 30;

    /// <summary>Attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 12;

    public double FirstRetrySeconds { get; set; } = 5;

    public double MaxRetrySeconds { get; set; } = 3600;

    /// <summary>Per-attempt timeout of a delivery.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// How long a process holds a message it is delivering; after a crash another process (or the restarted one)
    /// takes it over once this has passed. Keep it well above <see cref="TimeoutSeconds"/>.
    /// </summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How often pending deliveries are looked for (new events in this process wake the dispatcher at once).</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}

/// <summary>The built-in automatic provisioner and the synchronous budget of <c>newInstance</c>.</summary>
public sealed class ProvisioningOptions
{
    /// <summary>The default template: fine for trying KooGate, refused at start outside Development.</summary>
    public const string PlaceholderFrontEndUrlTemplate = "https://app.example.com/{instanceId}";

    /// <summary><c>{instanceId}</c> is replaced; the result is the buyer's <c>frontEndUrl</c>.</summary>
    public string FrontEndUrlTemplate { get; set; } = PlaceholderFrontEndUrlTemplate;

    public string? AdminUrlTemplate { get; set; }

    /// <summary>Who provisions; <see cref="ProvisionerMode.Auto"/> follows whether a webhook URL applies to the product.</summary>
    public ProvisionerMode Mode { get; set; } = ProvisionerMode.Auto;

    /// <summary>How long create waits for the provisioner before answering <c>000004</c>.</summary>
    public int SyncBudgetMilliseconds { get; set; } = 1500;

    /// <summary>
    /// An in-process provisioning still unfinished after this long is presumed interrupted (crash, restart) and run
    /// again; provisioners must therefore be idempotent per instance id.
    /// </summary>
    public int RecoverAfterSeconds { get; set; } = 600;
}

/// <summary>The admin API's machine credential (header <c>X-Api-Key</c>) and the dashboard's people.</summary>
public sealed class AdminOptions
{
    public string? ApiKey { get; set; }

    /// <summary>People who log in to the dashboard: <c>KooGate__Admin__Users__0__Name</c> / <c>__PasswordHash</c>.</summary>
    public List<AdminUserOptions> Users { get; set; } = [];

    /// <summary>How long a dashboard session lasts without activity.</summary>
    public int SessionMinutes { get; set; } = 480;

    /// <summary>Login attempts one client address may make per minute; more are refused with 429 (brute force).</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Wrong API keys and passwords one client address may send per minute; then 429 until the minute ends.</summary>
    public int FailedSignInsPerMinute { get; set; } = 10;
}

/// <summary>A dashboard login; the hash is ASP.NET Core Identity's v3 format (<c>koogate admin hash-password</c>).</summary>
public sealed class AdminUserOptions
{
    public string? Name { get; set; }

    public string? PasswordHash { get; set; }
}
