using System.Security.Cryptography;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Provisioning;

/// <summary>The default with no webhook: provisions at once with a templated front-end URL and generated credentials.</summary>
public sealed class AutomaticProvisioner(IOptions<KooGateOptions> options) : IInlineProvisioner
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public Task<ProvisionOutcome> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken) => Task.FromResult(Decide(request));

    public ProvisionOutcome Decide(ProvisionRequest request)
    {
        var settings = options.Value.Provisioning;
        var appInfo = new AppInfo(
            Expand(settings.FrontEndUrlTemplate, request.InstanceId),
            settings.AdminUrlTemplate is { } admin ? Expand(admin, request.InstanceId) : null,
            "admin",
            RandomNumberGenerator.GetString(Alphabet, 16));
        return ProvisionOutcome.Done(appInfo);
    }

    public static string Expand(string template, string instanceId) =>
        template.Replace("{instanceId}", Uri.EscapeDataString(instanceId), StringComparison.Ordinal);
}
