using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChatApi.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Completions",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Model = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    ResponseJson = table.Column<string>(type: "text", nullable: false),
                    MessagesJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Completions", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "CompletionMetadata",
                columns: table => new
                {
                    CompletionSeq = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompletionMetadata", x => new { x.CompletionSeq, x.Key });
                    table.ForeignKey(
                        name: "FK_CompletionMetadata_Completions_CompletionSeq",
                        column: x => x.CompletionSeq,
                        principalTable: "Completions",
                        principalColumn: "Seq",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompletionMetadata_Key_Value_CompletionSeq",
                table: "CompletionMetadata",
                columns: new[] { "Key", "Value", "CompletionSeq" });

            migrationBuilder.CreateIndex(
                name: "IX_Completions_Id",
                table: "Completions",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Completions_Model_Seq",
                table: "Completions",
                columns: new[] { "Model", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompletionMetadata");

            migrationBuilder.DropTable(
                name: "Completions");
        }
    }
}
