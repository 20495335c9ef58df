using KooGate.Protocol.Messages;
using KooGate.Server.Data;
using KitUserRow = KooGate.Server.Data.KitUser;

namespace KooGate.Server.Produce.KitV2;

/// <summary>
/// <c>authSync</c> (saas-v2.md §3.8, joint §5.3): users of (instanceId, tenantId, appId), at most 500 per call, sent
/// as an array or a string holding one. Flag 0 deletes, 1/2 upsert (authorised), 3 revokes authorisation. Users'
/// <c>employeeType</c>/<c>workPlace</c>/<c>entryDate</c> may sit flat or inside <c>extension</c>.
/// </summary>
public sealed class AuthSyncHandler(KooGateDbContext db, Outbox.OutboxWriter outbox) : IKitHandler<AuthSyncRequest>
{
    public async Task<ProduceResult> HandleAsync(ProduceCall<AuthSyncRequest> call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var (instanceId, tenantId, appId, flag) = (request.InstanceId, request.TenantId, request.AppId, request.Flag);
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        foreach (var user in request.UserList)
        {
            users[user.UserName] = User.From(user);
        }

        var result = KitSync.Success(instanceId);
        if (call.IsTest)
        {
            return result;
        }

        foreach (var user in users.Values)
        {
            var row = await db.KitUsers.FindAsync([instanceId, tenantId, appId, user.UserName], cancellationToken);
            if (!request.CarriesFullUsers)
            {
                if (row is not null)
                {
                    row.Deleted |= flag == KitFlags.Delete;
                    row.Authorized = false;
                    row.UpdatedAt = call.Now;
                }

                continue;
            }

            if (row is null)
            {
                row = new KitUserRow { InstanceId = instanceId, TenantId = tenantId, AppId = appId, UserName = user.UserName };
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

        KitSync.Announce(db, outbox, "kit.users.synced", instanceId, new { tenantId, appId, flag = KitSync.FlagName(flag), users = users.Values }, call.Now);
        await KitSync.SaveIdempotentAsync(db, cancellationToken);
        return result;
    }

    /// <summary>A user as stored and announced; delete and revoke carry only <c>userName</c> (the rest empty).</summary>
    private sealed record User(
        string UserName, string Name, string OrgCode, string? Position, string? EmployeeCode, int? EmployeeType, string Role, bool Enabled,
        string? Mobile, string? Email, string? WorkPlace, string? EntryDate)
    {
        public static User From(Protocol.Messages.KitUser user) => new(
            user.UserName, user.Name ?? string.Empty, user.OrgCode ?? string.Empty, user.Position, user.EmployeeCode, user.GetEmployeeType(),
            user.Role ?? string.Empty, user.Enable is null || user.IsEnabled, user.Mobile, user.Email, NonEmpty(user.GetWorkPlace()), NonEmpty(user.GetEntryDate()));

        private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
