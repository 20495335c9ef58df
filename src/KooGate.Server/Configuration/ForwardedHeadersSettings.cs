using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Configuration;

/// <summary>
/// Behind a reverse proxy: which peers may say, in <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and
/// <c>X-Forwarded-Host</c>, who the client is, whether it used HTTPS and which host it asked for. Off while both lists
/// are empty: then those headers are ignored and the client is the TCP peer.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses, e.g. <c>KooGate__ForwardedHeaders__KnownProxies__0=10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>KooGate__ForwardedHeaders__KnownNetworks__0=10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Enabled => Proxies.Any() || Networks.Any();

    /// <summary>Blank entries (an empty variable in an env file) are ignored.</summary>
    private IEnumerable<string> Proxies => KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim());

    private IEnumerable<string> Networks => KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim());

    /// <summary>The first entry that does not parse, as the one line that stops the start; null when all do.</summary>
    internal string? Problem()
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(KnownProxies[i]) && !IPAddress.TryParse(KnownProxies[i].Trim(), out _))
            {
                return $"KooGate__ForwardedHeaders__KnownProxies__{i} '{KnownProxies[i]}' is not an IP address";
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(KnownNetworks[i]) && !System.Net.IPNetwork.TryParse(KnownNetworks[i].Trim(), out _))
            {
                return $"KooGate__ForwardedHeaders__KnownNetworks__{i} '{KnownNetworks[i]}' is not a network in CIDR notation (like 10.0.0.0/8)";
            }
        }

        return null;
    }

    /// <summary>Only the configured proxies are trusted (ASP.NET Core's default loopback entries are dropped).</summary>
    internal ForwardedHeadersOptions ToMiddlewareOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,

            // Walk the chain from the right while the hops are configured proxies; the first other address is the client.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        return options;
    }
}

/// <summary>Puts the forwarded-headers middleware in front of everything else (routing, authentication, rate limits).</summary>
internal sealed class ForwardedHeadersStartupFilter(IOptions<KooGateOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var settings = options.Value.ForwardedHeaders;
        if (settings.Enabled)
        {
            app.UseForwardedHeaders(settings.ToMiddlewareOptions());
        }

        next(app);
    };
}
