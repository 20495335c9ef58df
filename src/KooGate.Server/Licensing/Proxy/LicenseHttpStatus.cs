using KooGate.Client.Licensing;

namespace KooGate.Server.Licensing.Proxy;

/// <summary>
/// The HTTP status each <see cref="LicenseStatus.State"/> is sent with. The proxy answers with the client library's
/// <see cref="LicenseStatus"/> (docs/licenses.md), so the seller's software and the server read one contract.
/// </summary>
public static class LicenseHttpStatus
{
    public static int Of(string state) => state switch
    {
        LicenseStates.Valid or LicenseStates.Expired or LicenseStates.Released => StatusCodes.Status200OK,
        LicenseStates.Unknown => StatusCodes.Status404NotFound,
        LicenseStates.NotActivated or LicenseStates.NotReceived => StatusCodes.Status409Conflict,
        LicenseStates.Refused => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status503ServiceUnavailable,
    };
}
