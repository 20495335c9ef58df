using System.Text.Json;
using KooGate.Server.Notifications;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Databases;

namespace KooGate.Server.Tests.Notifications;

public sealed class NotificationTests
{
    [Fact]
    public async Task A_dead_delivery_is_announced_once_by_mail_and_chat_and_a_new_one_again()
    {
        await using var t = await NotificationTestHost.StartAsync();
        var first = await t.DeadDeliveryAsync("inst-d1", 503, "HTTP 503 Service Unavailable");

        var mail = await t.NextMailAsync();
        Assert.Equal("KooGate: a webhook delivery is dead", mail.Message.Subject);
        Assert.Equal(["ops@example.com", "oncall@example.com"], mail.To);
        Assert.Equal("koogate@example.com", mail.From);
        Assert.Equal((NotificationTestHost.SmtpUser, NotificationTestHost.SmtpPassword), (mail.UserName, mail.Password));
        Assert.Contains($"- instance.created for instance inst-d1 (event {first}): HTTP 503 at attempt 12", mail.Body, StringComparison.Ordinal);
        Assert.Contains("https://koogate.example.com/dashboard/outbox?status=Dead", mail.Body, StringComparison.Ordinal);
        var chat = await t.NextChatAsync();
        Assert.Equal(mail.Message.Subject + "\n\n" + mail.Body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'), chat.Json.GetProperty("text").GetString());

        // Later polls do not repeat it: the next message is about the next incident, a failed provisioning.
        await t.FailedInstanceAsync("inst-f1", "product-1");
        var failed = await t.NextMailAsync();
        Assert.Equal("KooGate: provisioning failed for an instance", failed.Message.Subject);
        Assert.Contains("- instance inst-f1 of product product-1: result code 000005", failed.Body, StringComparison.Ordinal);
        Assert.Contains("https://koogate.example.com/dashboard/instances?state=Failed", failed.Body, StringComparison.Ordinal);

        // A new dead delivery is a new incident; the failure's detail (which may name the app's host) stays out.
        var second = await t.DeadDeliveryAsync("inst-d2", null, "ConnectionError: Connection refused (app.internal:8443)");
        var again = await t.NextMailAsync();
        Assert.Contains($"(event {second}): ConnectionError at attempt 12", again.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(first.ToString(), again.Body, StringComparison.Ordinal);

        foreach (var text in new[] { mail.Body, failed.Body, again.Body, chat.Text })
        {
            Assert.DoesNotContain("Zhang San", text, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("app.internal", text, StringComparison.Ordinal);
            Assert.DoesNotContain(NotificationTestHost.SmtpPassword, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Delisting_risk_is_announced_at_the_warning_level_and_at_each_further_failed_order()
    {
        await using var t = await NotificationTestHost.StartAsync(mail: false, chatFormat: "Feishu");
        await t.FailedInstanceAsync("inst-1", "product-9", withEvent: false);
        await t.FailedInstanceAsync("inst-2", "product-9", withEvent: false);
        await t.FailedInstanceAsync("inst-3", "product-9", withEvent: false);

        var warning = await t.NextChatAsync();
        Assert.Equal("text", warning.Json.GetProperty("msg_type").GetString());
        var text = warning.Json.GetProperty("content").GetProperty("text").GetString()!;
        Assert.StartsWith("KooGate: delisting risk, product product-9 has 3 failed orders this month\n", text, StringComparison.Ordinal);

        await t.FailedInstanceAsync("inst-4", "product-9", withEvent: false);
        var worse = await t.NextChatAsync();
        Assert.StartsWith("KooGate: delisting risk, product product-9 has 4 failed orders this month", worse.Json.GetProperty("content").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(t.Chat!.TryTake(out var extra), $"announced twice: {extra?.Text}");
    }

    [Fact]
    public async Task A_notification_no_channel_accepted_is_sent_again_on_the_next_poll()
    {
        await using var t = await NotificationTestHost.StartAsync(mail: false, chatFormat: "DingTalk");
        t.Chat!.AnswerNext(500);
        await t.DeadDeliveryAsync("inst-r1", 502, "HTTP 502 Bad Gateway");

        var refused = await t.NextChatAsync();
        Assert.Equal(500, refused.AnsweredStatus);
        var retried = await t.NextChatAsync();
        Assert.Equal(200, retried.AnsweredStatus);
        Assert.Equal("text", retried.Json.GetProperty("msgtype").GetString());
        Assert.Equal(refused.Text, retried.Text);
        Assert.StartsWith("KooGate: a webhook delivery is dead", retried.Json.GetProperty("text").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_servers_on_one_database_announce_an_incident_once()
    {
        await using var chat = await WebhookReceiver.StartAsync();
        await using var a = await NotificationTestHost.StartAsync(mail: false, database: DatabaseKind.Postgres, sharedChat: chat);
        await using var b = await NotificationTestHost.StartAsync(mail: false, database: DatabaseKind.Postgres, connectionString: a.Host.ConnectionString, sharedChat: chat);

        await a.DeadDeliveryAsync("inst-m1", 500, "HTTP 500 Internal Server Error");
        var dead = await a.NextChatAsync(chat, b);
        Assert.StartsWith("KooGate: a webhook delivery is dead", dead.Json.GetProperty("text").GetString(), StringComparison.Ordinal);

        // Both servers keep polling; the next message is the next incident, and nothing more follows.
        await a.FailedInstanceAsync("inst-m2", "product-1");
        var failed = await a.NextChatAsync(chat, b);
        Assert.StartsWith("KooGate: provisioning failed for an instance", failed.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            a.Host.Clock.Advance(TimeSpan.FromSeconds(1));
            b.Host.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(25);
        }

        Assert.False(chat.TryTake(out var duplicate), $"announced twice: {duplicate?.Text}");
    }

    [Theory]
    [InlineData("Smtp:From", "not-an-address", "KooGate__Notifications__Smtp__From must be an e-mail address")]
    [InlineData("Smtp:To", "ops@example.com, nobody", "KooGate__Notifications__Smtp__To must be one or more e-mail addresses")]
    [InlineData("Smtp:Password", null, "KooGate__Notifications__Smtp__UserName and KooGate__Notifications__Smtp__Password must be set together")]
    [InlineData("Smtp:Port", "0", "KooGate__Notifications__Smtp__Port must be between 1 and 65535")]
    [InlineData("Chat:Url", "hooks.example.com/T0/secret-token", "KooGate__Notifications__Chat__Url is not an absolute http(s) URL")]
    [InlineData("PollIntervalSeconds", "0", "KooGate__Notifications__PollIntervalSeconds must be between 1 and 3600")]
    [InlineData("DashboardUrl", "koogate.example.com", "KooGate__Notifications__DashboardUrl 'koogate.example.com' is not an absolute http(s) URL")]
    public void A_malformed_notification_setting_is_named_in_one_line(string setting, string? value, string expected)
    {
        var options = new NotificationOptions
        {
            Smtp = { Host = "smtp.example.com", From = "koogate@example.com", To = "ops@example.com", UserName = "u", Password = "p" },
            Chat = { Url = "https://hooks.example.com/T0/secret-token" },
        };
        Assert.Null(options.Problem());
        Apply(options, setting, value);

        var problem = options.Problem();
        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", problem, StringComparison.Ordinal);
    }

    private static void Apply(NotificationOptions options, string setting, string? value)
    {
        switch (setting)
        {
            case "Smtp:From": options.Smtp.From = value; break;
            case "Smtp:To": options.Smtp.To = value; break;
            case "Smtp:Password": options.Smtp.Password = value; break;
            case "Smtp:Port": options.Smtp.Port = int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Chat:Url": options.Chat.Url = value; break;
            case "PollIntervalSeconds": options.PollIntervalSeconds = int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.DashboardUrl = value; break;
        }
    }
}
