using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KooGate.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Usage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UsageEntries",
                columns: table => new
                {
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UsageTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageEntries", x => x.RecordId);
                });

            migrationBuilder.CreateTable(
                name: "UsagePeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BeginTime = table.Column<long>(type: "INTEGER", nullable: false),
                    EndTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MeteringSn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PushedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsagePeriods", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageEntries_PeriodId_InstanceId",
                table: "UsageEntries",
                columns: new[] { "PeriodId", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_UsagePeriods_InstanceId_BeginTime_EndTime",
                table: "UsagePeriods",
                columns: new[] { "InstanceId", "BeginTime", "EndTime" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsagePeriods_MeteringSn",
                table: "UsagePeriods",
                column: "MeteringSn",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsagePeriods_Status_NextAttemptAt",
                table: "UsagePeriods",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageEntries");

            migrationBuilder.DropTable(
                name: "UsagePeriods");
        }
    }
}
