using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KooGate.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LicenseProxy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LicenseProxyAnswers",
                columns: table => new
                {
                    License = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", nullable: false),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseProxyAnswers", x => x.License);
                });

            migrationBuilder.CreateTable(
                name: "OnlineLicenseDevices",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeviceFingerprint = table.Column<string>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlineLicenseDevices", x => new { x.InstanceId, x.DeviceId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LicenseProxyAnswers");

            migrationBuilder.DropTable(
                name: "OnlineLicenseDevices");
        }
    }
}
