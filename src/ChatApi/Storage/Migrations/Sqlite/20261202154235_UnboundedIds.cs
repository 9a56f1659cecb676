using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatApi.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnboundedIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
