using System.Globalization;
using System.Text.Json;
using KooGate.Server.Data;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>authSync</c> (saas-v2.md §3.8, joint §5.3): users of (instanceId, tenantId, appId), at most 500 per call, sent
/// as an array or a string holding one. Flag 0 deletes, 1/2 upsert (authorised), 3 revokes authorisation. Users'
/// <c>employeeType</c>/<c>workPlace</c>/<c>entryDate</c> may sit flat or inside <c>extension</c>.
/// </summary>
public sealed class AuthSyncHandler(KooGateDbContext db, Outbox.OutboxWriter outbox) : IKitHandler
{
    public const int MaxUsers = 500;
    public const int CancelAuthorisation = 3;
    private const string List = "userList";

    public async Task<ProduceResult> HandleAsync(ProduceCall call, CancellationToken cancellationToken)
    {
        var fields = call.Fields;
        var (instanceId, tenantId) = KitFields.ReadEnvelope(fields);
        var appId = fields.Required("appId", 64);
        fields.Required("currentSyncTime", 32);
        var flag = fields.RequiredInt("flag", KitFields.Delete, KitFields.Add, KitFields.Modify, CancelAuthorisation);
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        using (var list = KitFields.ReadList(fields, List, MaxUsers))
        {
            var index = 0;
            foreach (var item in list.RootElement.EnumerateArray())
            {
                var user = KitFields.Item(List, index, () => ReadUser(item, full: flag is KitFields.Add or KitFields.Modify));
                users[user.UserName] = user;
                index++;
            }
        }

        var result = KitFields.Success(instanceId);
        if (call.IsTest)
        {
            return result;
        }

        foreach (var user in users.Values)
        {
            var row = await db.KitUsers.FindAsync([instanceId, tenantId, appId, user.UserName], cancellationToken);
            if (flag is KitFields.Delete or CancelAuthorisation)
            {
                if (row is not null)
                {
                    row.Deleted |= flag == KitFields.Delete;
                    row.Authorized = false;
                    row.UpdatedAt = call.Now;
                }

                continue;
            }

            if (row is null)
            {
                row = new KitUser { InstanceId = instanceId, TenantId = tenantId, AppId = appId, UserName = user.UserName };
                db.KitUsers.Add(row);
            }

            row.Name = user.Name;
            row.OrgCode = user.OrgCode;
            row.Position = user.Position;
            row.EmployeeCode = user.EmployeeCode;
            row.EmployeeType = user.EmployeeType;
            row.Role = user.Role;
            row.Enabled = user.Enabled;
            row.Mobile = user.Mobile;
            row.Email = user.Email;
            row.WorkPlace = user.WorkPlace;
            row.EntryDate = user.EntryDate;
            row.Authorized = true;
            row.Deleted = false;
            row.UpdatedAt = call.Now;
        }

        KitFields.Announce(db, outbox, "kit.users.synced", instanceId, new { tenantId, appId, flag = KitFields.FlagName(flag), users = users.Values }, call.Now);
        await KitFields.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }

    /// <summary>Delete and revoke need only <c>userName</c>; add and modify need every mandatory field.</summary>
    private static User ReadUser(JsonElement item, bool full)
    {
        var user = new RequestFields(item);
        var extension = item.TryGetProperty("extension", out var ext) && ext.ValueKind == JsonValueKind.Object ? new RequestFields(ext) : null;
        string? Flat(string name, int maxLength) => user.Optional(name, maxLength) is { Length: > 0 } value ? value : extension?.Optional(name, maxLength) is { Length: > 0 } nested ? nested : null;
        string Mandatory(string name, int maxLength) => full ? user.Required(name, maxLength) : user.Optional(name, maxLength) ?? string.Empty;

        var userName = user.Required("userName", 64);
        var name = Mandatory("name", 64);
        var orgCode = Mandatory("orgCode", 64);
        var role = Mandatory("role", 32);
        if (full && role is not ("user" or "admin"))
        {
            throw new FieldException("role", "must be one of user, admin");
        }

        var enabled = true;
        if (full || item.TryGetProperty("enable", out _))
        {
            enabled = item.TryGetProperty("enable", out var enable) && enable.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? enable.GetBoolean()
                : Mandatory("enable", 8) switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw new FieldException("enable", "must be \"true\" or \"false\""),
                };
        }

        int? employeeType = null;
        if (Flat("employeeType", 11) is { } type)
        {
            employeeType = int.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new FieldException("employeeType", "must be an integer");
        }

        return new User(userName, name, orgCode, user.Optional("position", 64), user.Optional("employeeCode", 64), employeeType, role, enabled,
            user.Optional("mobile", 32), user.Optional("email", 128), Flat("workPlace", 256), Flat("entryDate", 20));
    }

    private sealed record User(
        string UserName, string Name, string OrgCode, string? Position, string? EmployeeCode, int? EmployeeType, string Role, bool Enabled,
        string? Mobile, string? Email, string? WorkPlace, string? EntryDate);
}
