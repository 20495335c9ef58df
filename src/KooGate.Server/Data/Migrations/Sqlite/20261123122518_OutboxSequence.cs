using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KooGate.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Outbox",
                table: "Outbox");

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "Outbox",
                type: "INTEGER",
                nullable: false)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_Outbox",
                table: "Outbox",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Id",
                table: "Outbox",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_InstanceId_Status",
                table: "Outbox",
                columns: new[] { "InstanceId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Outbox",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_Id",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_InstanceId_Status",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Outbox");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Outbox",
                table: "Outbox",
                column: "Id");
        }
    }
}
