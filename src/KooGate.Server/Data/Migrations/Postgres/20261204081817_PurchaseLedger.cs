using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KooGate.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PurchaseLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HasOrderDetails",
                table: "Outbox",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HeldUntil",
                table: "Outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrderId",
                table: "Outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrderLineId",
                table: "Outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Amount",
                table: "Orders",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreateTime",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtendParamsJson",
                table: "Orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "LinearValue",
                table: "Orders",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedEmail",
                table: "Orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedMobilePhone",
                table: "Orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Trial",
                table: "Orders",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "Orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserName",
                table: "Orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "LinearValue",
                table: "InstancePurchases",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OrderCreateTime",
                table: "InstancePurchases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrderId",
                table: "InstancePurchases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrderLineId",
                table: "InstancePurchases",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_OrderId_OrderLineId",
                table: "Outbox",
                columns: new[] { "OrderId", "OrderLineId" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_InstanceId",
                table: "Orders",
                column: "InstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_OrderId_OrderLineId",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Orders_InstanceId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "HasOrderDetails",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "HeldUntil",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "OrderLineId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Amount",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CreateTime",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ExtendParamsJson",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "LinearValue",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ProtectedEmail",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ProtectedMobilePhone",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Trial",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "UserName",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "LinearValue",
                table: "InstancePurchases");

            migrationBuilder.DropColumn(
                name: "OrderCreateTime",
                table: "InstancePurchases");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "InstancePurchases");

            migrationBuilder.DropColumn(
                name: "OrderLineId",
                table: "InstancePurchases");
        }
    }
}
