using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KooGate.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class V1AndLicense : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AsyncLicenseRequests",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FingerprintHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeviceFingerprint = table.Column<string>(type: "text", nullable: true),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    License = table.Column<string>(type: "text", nullable: false),
                    EffectiveTime = table.Column<string>(type: "text", nullable: true),
                    ExpireTime = table.Column<string>(type: "text", nullable: true),
                    DeliveryStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AsyncLicenseRequests", x => new { x.EventId, x.FingerprintHash });
                });

            migrationBuilder.CreateTable(
                name: "InstancePurchases",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CustomerId = table.Column<string>(type: "text", nullable: true),
                    CustomerName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    UserName = table.Column<string>(type: "text", nullable: true),
                    ProtectedMobilePhone = table.Column<string>(type: "text", nullable: true),
                    ProtectedEmail = table.Column<string>(type: "text", nullable: true),
                    PeriodType = table.Column<string>(type: "text", nullable: true),
                    PeriodNumber = table.Column<int>(type: "integer", nullable: true),
                    Amount = table.Column<int>(type: "integer", nullable: true),
                    DiskSize = table.Column<int>(type: "integer", nullable: true),
                    BandWidth = table.Column<int>(type: "integer", nullable: true),
                    OrderAmount = table.Column<string>(type: "text", nullable: true),
                    Trial = table.Column<bool>(type: "boolean", nullable: false),
                    ProvisionType = table.Column<string>(type: "text", nullable: true),
                    AcceptanceTime = table.Column<string>(type: "text", nullable: true),
                    ExtendParamsJson = table.Column<string>(type: "text", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstancePurchases", x => x.InstanceId);
                });

            migrationBuilder.CreateTable(
                name: "LicenseCodes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ExpireTime = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProductId = table.Column<string>(type: "text", nullable: true),
                    LastOrderId = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseCodes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "LicenseGrants",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    License = table.Column<string>(type: "text", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseGrants", x => x.InstanceId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AsyncLicenseRequests_DeliveryStatus_NextAttemptAt",
                table: "AsyncLicenseRequests",
                columns: new[] { "DeliveryStatus", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AsyncLicenseRequests");

            migrationBuilder.DropTable(
                name: "InstancePurchases");

            migrationBuilder.DropTable(
                name: "LicenseCodes");

            migrationBuilder.DropTable(
                name: "LicenseGrants");
        }
    }
}
