namespace KooGate.Server.Configuration;

/// <summary>
/// The interface types a production address binds one key each to (saas-v2.md §2.1): basic, Kit, License-code,
/// general (orderNotify); plus the single V1 Key.
/// </summary>
public enum InterfaceType
{
    Basic,
    Kit,
    License,
    General,
    V1,
}
