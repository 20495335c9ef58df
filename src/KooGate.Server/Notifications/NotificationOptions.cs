using System.Net.Mail;

namespace KooGate.Server.Notifications;

/// <summary>
/// E-mail and chat notifications for operators without Prometheus (<c>KooGate__Notifications__…</c>): dead deliveries,
/// failed provisioning and delisting risk. Off until an SMTP host or a chat webhook URL is set.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>How often the incidents are looked for.</summary>
    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>The dashboard's public address (e.g. <c>https://koogate.example.com</c>); messages then link to the page to act on.</summary>
    public string? DashboardUrl { get; set; }

    public SmtpNotificationOptions Smtp { get; set; } = new();

    public ChatNotificationOptions Chat { get; set; } = new();

    public bool IsEnabled => Smtp.IsConfigured || Chat.IsConfigured;

    /// <summary>The first malformed setting as one line, or null.</summary>
    public string? Problem()
    {
        const string Prefix = "KooGate__Notifications__";
        if (PollIntervalSeconds is < 1 or > 3600)
        {
            return $"{Prefix}PollIntervalSeconds must be between 1 and 3600";
        }

        if (DashboardUrl is not null && !IsHttpUrl(DashboardUrl))
        {
            return $"{Prefix}DashboardUrl '{DashboardUrl}' is not an absolute http(s) URL";
        }

        if (Smtp.IsConfigured)
        {
            if (Smtp.Port is < 1 or > 65535)
            {
                return $"{Prefix}Smtp__Port must be between 1 and 65535";
            }

            if (!IsAddress(Smtp.From))
            {
                return $"{Prefix}Smtp__From must be an e-mail address (the sender of the notifications)";
            }

            if (Smtp.Recipients.Count == 0 || !Smtp.Recipients.All(IsAddress))
            {
                return $"{Prefix}Smtp__To must be one or more e-mail addresses separated by commas";
            }

            if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
            {
                return $"{Prefix}Smtp__UserName and {Prefix}Smtp__Password must be set together";
            }
        }

        // The URL itself is a credential for most chat services: never repeat it.
        return Chat.IsConfigured && !IsHttpUrl(Chat.Url!) ? $"{Prefix}Chat__Url is not an absolute http(s) URL" : null;
    }

    private static bool IsHttpUrl(string value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static bool IsAddress(string? value) => MailAddress.TryCreate(value, out var address) && address.Address == value?.Trim();
}

public enum SmtpSecurity
{
    /// <summary>TLS from the first byte on port 465, else STARTTLS, required.</summary>
    Auto,

    StartTls,

    SslOnConnect,

    /// <summary>Plain text: only for a relay on the same host or network.</summary>
    None,
}

public sealed class SmtpNotificationOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? From { get; set; }

    /// <summary>Recipients, separated by commas.</summary>
    public string? To { get; set; }

    public IReadOnlyList<string> Recipients =>
        (To ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>The JSON body a chat service's incoming webhook expects.</summary>
public enum ChatFormat
{
    /// <summary><c>{"text": …}</c>: Slack, Mattermost, Rocket.Chat, Zulip's Slack-compatible hook and most others.</summary>
    Text,

    /// <summary><c>{"msg_type": "text", "content": {"text": …}}</c>: Feishu / Lark custom bots.</summary>
    Feishu,

    /// <summary><c>{"msgtype": "text", "text": {"content": …}}</c>: DingTalk and WeCom group bots.</summary>
    DingTalk,
}

public sealed class ChatNotificationOptions
{
    /// <summary>The incoming-webhook URL (it usually embeds the bot's token: keep it secret).</summary>
    public string? Url { get; set; }

    public ChatFormat Format { get; set; } = ChatFormat.Text;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);
}
