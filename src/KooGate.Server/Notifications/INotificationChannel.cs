namespace KooGate.Server.Notifications;

/// <summary>Where notifications go; <see cref="SendAsync"/> throws when the message was not accepted.</summary>
public interface INotificationChannel
{
    /// <summary>A name for logs (never the address or URL, which may carry a token).</summary>
    string Name { get; }

    Task SendAsync(Incident incident, CancellationToken cancellationToken);
}
