namespace KooGate.Server.Notifications;

public static class NotificationSetup
{
    public static IServiceCollection AddKooGateNotifications(this IServiceCollection services)
    {
        services.AddSingleton<IIncidentCheck, DeadDeliveriesCheck>();
        services.AddSingleton<IIncidentCheck, FailedProvisioningCheck>();
        services.AddSingleton<IIncidentCheck, DelistingRiskCheck>();
        services.AddHttpClient(ChatChannel.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddHostedService<Notifier>();
        return services;
    }
}
