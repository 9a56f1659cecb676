using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatApi.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CapturedFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Captured",
                table: "Completions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Captured",
                table: "Completions");
        }
    }
}
