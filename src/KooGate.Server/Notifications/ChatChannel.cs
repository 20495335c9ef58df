using System.Net.Http.Json;

namespace KooGate.Server.Notifications;

/// <summary>A chat service's incoming webhook: one JSON POST in the service's format (<see cref="ChatFormat"/>).</summary>
public sealed class ChatChannel(IHttpClientFactory httpClients, ChatNotificationOptions chat, string? dashboardUrl) : INotificationChannel
{
    /// <summary>Registered without request logging: the URL usually carries the bot's token.</summary>
    public const string HttpClientName = "KooGate.Notifications.Chat";

    public string Name => "chat webhook";

    public async Task SendAsync(Incident incident, CancellationToken cancellationToken)
    {
        var text = incident.Text(dashboardUrl);
        object body = chat.Format switch
        {
            ChatFormat.Feishu => new { msg_type = "text", content = new { text } },
            ChatFormat.DingTalk => new { msgtype = "text", text = new { content = text } },
            _ => new { text },
        };
        using var response = await httpClients.CreateClient(HttpClientName).PostAsJsonAsync(chat.Url, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }
    }
}
