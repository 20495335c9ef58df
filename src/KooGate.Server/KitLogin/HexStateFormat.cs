using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace KooGate.Server.KitLogin;

/// <summary>
/// The framework's protected state, re-encoded as hex: the identity centre documents <c>state</c> as letters and
/// digits (saas-v1-and-joint.md §7.6), while the default encoding is Base64url with <c>-</c> and <c>_</c>.
/// </summary>
public sealed class HexStateFormat(ISecureDataFormat<AuthenticationProperties> inner) : ISecureDataFormat<AuthenticationProperties>
{
    public string Protect(AuthenticationProperties data) => Convert.ToHexStringLower(WebEncoders.Base64UrlDecode(inner.Protect(data)));

    public string Protect(AuthenticationProperties data, string? purpose) =>
        Convert.ToHexStringLower(WebEncoders.Base64UrlDecode(inner.Protect(data, purpose)));

    public AuthenticationProperties? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationProperties? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || protectedText.Length % 2 != 0 || !protectedText.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return inner.Unprotect(WebEncoders.Base64UrlEncode(Convert.FromHexString(protectedText)), purpose);
    }

    /// <summary>Wraps the state format the framework set up (runs after its post-configuration).</summary>
    public sealed class Installer : IPostConfigureOptions<OAuthOptions>
    {
        public void PostConfigure(string? name, OAuthOptions options)
        {
            if (name == KooGalleryOAuthHandler.SchemeName && options.StateDataFormat is not HexStateFormat)
            {
                options.StateDataFormat = new HexStateFormat(options.StateDataFormat);
            }
        }
    }
}
