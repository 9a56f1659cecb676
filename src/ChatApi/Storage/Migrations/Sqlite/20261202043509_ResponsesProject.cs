using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatApi.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponsesProject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Project",
                table: "Responses",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.CreateIndex(
                name: "IX_Responses_Project_Seq",
                table: "Responses",
                columns: new[] { "Project", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Responses_Project_Seq",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Project",
                table: "Responses");
        }
    }
}
