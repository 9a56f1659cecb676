using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatApi.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NonUniqueIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Responses_Id",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_Completions_Id",
                table: "Completions");

            migrationBuilder.CreateIndex(
                name: "IX_Responses_Id",
                table: "Responses",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_Completions_Id",
                table: "Completions",
                column: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Responses_Id",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_Completions_Id",
                table: "Completions");

            migrationBuilder.CreateIndex(
                name: "IX_Responses_Id",
                table: "Responses",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Completions_Id",
                table: "Completions",
                column: "Id",
                unique: true);
        }
    }
}
