using System.Globalization;
using KooGate.Server.Data;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Notifications;

/// <summary>A server whose notifications go to a loopback SMTP capture and/or a loopback chat webhook receiver.</summary>
public sealed class NotificationTestHost : IAsyncDisposable
{
    public const string DashboardUrl = "https://koogate.example.com";
    public const string SmtpUser = "koogate-mailer";
    public const string SmtpPassword = "smtp-password-0001";

    private NotificationTestHost(KooGateHost host, SmtpCapture? smtp, WebhookReceiver? chat)
    {
        Host = host;
        Smtp = smtp;
        Chat = chat;
    }

    public KooGateHost Host { get; }

    public SmtpCapture? Smtp { get; }

    public WebhookReceiver? Chat { get; }

    public static async Task<NotificationTestHost> StartAsync(
        bool mail = true, string? chatFormat = "Text", DatabaseKind database = DatabaseKind.Sqlite, string? connectionString = null, WebhookReceiver? sharedChat = null)
    {
        var smtp = mail ? new SmtpCapture() : null;
        var chat = sharedChat ?? (chatFormat is null ? null : await WebhookReceiver.StartAsync());
        var settings = new Dictionary<string, string?>
        {
            ["KooGate:Notifications:PollIntervalSeconds"] = "5",
            ["KooGate:Notifications:DashboardUrl"] = DashboardUrl,
        };
        if (smtp is not null)
        {
            settings["KooGate:Notifications:Smtp:Host"] = "127.0.0.1";
            settings["KooGate:Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
            settings["KooGate:Notifications:Smtp:Security"] = "None";
            settings["KooGate:Notifications:Smtp:UserName"] = SmtpUser;
            settings["KooGate:Notifications:Smtp:Password"] = SmtpPassword;
            settings["KooGate:Notifications:Smtp:From"] = "koogate@example.com";
            settings["KooGate:Notifications:Smtp:To"] = "ops@example.com, oncall@example.com";
        }

        if (chat is not null)
        {
            settings["KooGate:Notifications:Chat:Url"] = chat.Url;
            settings["KooGate:Notifications:Chat:Format"] = chatFormat;
        }

        var host = new KooGateHost(database, settings, connectionString);
        _ = host.Http; // starts the server and its workers
        return new NotificationTestHost(host, smtp, sharedChat is null ? chat : null);
    }

    public Task<CapturedMail> NextMailAsync(params NotificationTestHost[] others) => NextAsync(() => Smtp!.TryTake(out var m) ? m : null, "an e-mail", others);

    public Task<ReceivedWebhook> NextChatAsync(WebhookReceiver? chat = null, params NotificationTestHost[] others) =>
        NextAsync(() => (chat ?? Chat)!.TryTake(out var m) ? m : null, "a chat message", others);

    /// <summary>Advances the fake clocks (this host's and <paramref name="others"/>') so the notifier polls, until something arrives.</summary>
    private async Task<T> NextAsync<T>(Func<T?> take, string what, NotificationTestHost[] others)
        where T : class
    {
        T? got = null;
        await Eventually.UntilAsync(
            () => Task.FromResult((got = take()) is not null),
            what,
            () =>
            {
                foreach (var host in others.Prepend(this))
                {
                    host.Host.Clock.Advance(TimeSpan.FromSeconds(1));
                }
            },
            TimeSpan.FromSeconds(30));
        return got!;
    }

    public async Task<Guid> DeadDeliveryAsync(string instanceId, int? statusCode, string error)
    {
        var id = Guid.NewGuid();
        var now = Host.Clock.GetUtcNow();
        await using var db = Host.OpenDb();
        db.Outbox.Add(new OutboxMessage
        {
            Id = id,
            Type = "instance.created",
            Payload = "{}",
            InstanceId = instanceId,
            CreatedAt = now,
            Status = OutboxStatus.Dead,
            Attempts = 12,
            NextAttemptAt = now,
            LastError = error,
        });
        db.OutboxAttempts.Add(new OutboxAttempt { MessageId = id, Attempt = 12, StartedAt = now, StatusCode = statusCode, Error = error, Outcome = OutboxAttemptOutcome.Dead });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>A real instance whose provisioning failed (with its history event when <paramref name="withEvent"/>), bought by a named customer.</summary>
    public async Task FailedInstanceAsync(string instanceId, string productId, bool withEvent = true)
    {
        var now = Host.Clock.GetUtcNow();
        await using var db = Host.OpenDb();
        db.Instances.Add(new InstanceRecord
        {
            InstanceId = instanceId,
            OrderId = "ORDER-" + instanceId,
            OrderLineId = "L1",
            ProductId = productId,
            State = InstanceState.Failed,
            CreatedAt = now,
            UpdatedAt = now,
            FailureCode = "000005",
            FailureMessage = "tenant db password rejected: hunter2",
        });
        db.Orders.Add(new OrderDetails { OrderId = "ORDER-" + instanceId, OrderLineId = "L1", InstanceId = instanceId, CustomerName = "Zhang San", CustomerId = "cust-1", Status = OrderFetchStatus.Fetched });
        if (withEvent)
        {
            db.InstanceEvents.Add(new InstanceEvent { InstanceId = instanceId, At = now, Type = "provisioning-failed", FromState = InstanceState.Provisioning, ToState = InstanceState.Failed });
        }

        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        if (Chat is not null)
        {
            await Chat.DisposeAsync();
        }
    }
}
