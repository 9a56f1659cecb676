using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatApi.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Project",
                table: "Completions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.CreateIndex(
                name: "IX_Completions_Project_Seq",
                table: "Completions",
                columns: new[] { "Project", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Completions_Project_Seq",
                table: "Completions");

            migrationBuilder.DropColumn(
                name: "Project",
                table: "Completions");
        }
    }
}
