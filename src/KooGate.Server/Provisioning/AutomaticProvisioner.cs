using System.Security.Cryptography;
using KooGate.Server.Instances;
using KooGate.Server.Products;

namespace KooGate.Server.Provisioning;

/// <summary>Provisions at once with the product's templated front-end URL and generated credentials.</summary>
public sealed class AutomaticProvisioner(ProductSettings products) : IInlineProvisioner
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public Task<ProvisionOutcome> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken) => Task.FromResult(Decide(request));

    public ProvisionOutcome Decide(ProvisionRequest request)
    {
        var product = products.For(request.ProductId);
        var appInfo = new AppInfo(
            Expand(product.FrontEndUrlTemplate, request.InstanceId),
            product.AdminUrlTemplate is { } admin ? Expand(admin, request.InstanceId) : null,
            "admin",
            RandomNumberGenerator.GetString(Alphabet, 16));
        return ProvisionOutcome.Done(appInfo);
    }

    public static string Expand(string template, string instanceId) =>
        template.Replace("{instanceId}", Uri.EscapeDataString(instanceId), StringComparison.Ordinal);
}
