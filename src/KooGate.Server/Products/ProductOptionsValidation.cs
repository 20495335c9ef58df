using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Products;

/// <summary>
/// Checks the per-product and change-check settings when the server starts, so a typo stops it with one clear line
/// instead of surfacing at the first purchase of that product.
/// </summary>
public sealed class ProductOptionsValidation : IValidateOptions<KooGateOptions>
{
    public ValidateOptionsResult Validate(string? name, KooGateOptions options)
    {
        var problems = new List<string>();
        CheckUrl(problems, "KooGate:ChangeCheck:Url", options.ChangeCheck.Url);
        if (options.ChangeCheck.TimeoutMilliseconds is < 100 or > ChangeCheckOptions.MaxTimeoutMilliseconds)
        {
            problems.Add($"KooGate:ChangeCheck:TimeoutMilliseconds must be 100 to {ChangeCheckOptions.MaxTimeoutMilliseconds} (KooGallery waits 5 s for the whole call)");
        }

        var settings = new ProductSettings(Microsoft.Extensions.Options.Options.Create(options));
        CheckDecisionWebhook(problems, "KooGate:ChangeCheck", settings.For(null));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Products.Count; i++)
        {
            var product = options.Products[i];
            var at = $"KooGate:Products:{i}";
            if (string.IsNullOrWhiteSpace(product.ProductId))
            {
                problems.Add($"{at}:ProductId is required");
                continue;
            }

            if (!seen.Add(product.ProductId))
            {
                problems.Add($"{at}:ProductId '{product.ProductId}' is configured twice");
            }

            CheckUrl(problems, $"{at}:Webhook:Url", product.Webhook.Url);
            if (ProductSettings.HasMalformedSecret(product.Webhook.Secret))
            {
                problems.Add($"{at}:Webhook:Secret must be one or more space-separated whsec_ secrets (koogate admin generate-secret --webhook)");
            }

            CheckUrl(problems, $"{at}:ChangeCheck:Url", product.ChangeCheck.Url);
            CheckTemplate(problems, $"{at}:Provisioning:FrontEndUrlTemplate", product.Provisioning.FrontEndUrlTemplate);
            CheckTemplate(problems, $"{at}:Provisioning:AdminUrlTemplate", product.Provisioning.AdminUrlTemplate);
            var effective = settings.For(product.ProductId);
            if (effective.ProvisionerMode == ProvisionerMode.Webhook && effective.Webhook is null)
            {
                problems.Add($"{at}:Provisioning:Mode is Webhook but no webhook URL applies (set {at}:Webhook:Url or KooGate:Webhook:Url)");
            }

            CheckDecisionWebhook(problems, $"{at}:ChangeCheck", effective);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckDecisionWebhook(List<string> problems, string at, EffectiveProduct product)
    {
        if (product.ChangeCheckPolicy != ChangeCheckPolicy.Webhook)
        {
            return;
        }

        if (product.ChangeCheckUrl is null)
        {
            problems.Add($"{at}:Policy is Webhook but no decision URL applies (set {at}:Url or a webhook URL)");
        }
    }

    private static void CheckUrl(List<string> problems, string at, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !IsHttpUrl(value))
        {
            problems.Add($"{at} '{value}' is not an absolute http(s) URL");
        }
    }

    private static void CheckTemplate(List<string> problems, string at, string? template)
    {
        if (!string.IsNullOrWhiteSpace(template) && !IsHttpUrl(Provisioning.AutomaticProvisioner.Expand(template, "instance")))
        {
            problems.Add($"{at} '{template}' does not make an absolute http(s) URL");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
