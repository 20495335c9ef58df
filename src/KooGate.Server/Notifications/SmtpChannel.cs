using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace KooGate.Server.Notifications;

/// <summary>E-mail through the configured SMTP server (MailKit); one plain-text message to every recipient.</summary>
public sealed class SmtpChannel(SmtpNotificationOptions smtp, string? dashboardUrl) : INotificationChannel
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Name => "e-mail";

    public async Task SendAsync(Incident incident, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From!));
        foreach (var recipient in smtp.Recipients)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = incident.Subject;
        message.Body = new TextPart("plain") { Text = incident.Body(dashboardUrl) };

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, Security(smtp), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password!, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions Security(SmtpNotificationOptions smtp) => smtp.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
    };
}
