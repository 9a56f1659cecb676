using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatApi.Storage;

internal sealed class StoredResponseConfiguration : IEntityTypeConfiguration<StoredResponse>
{
    public void Configure(EntityTypeBuilder<StoredResponse> e)
    {
        e.ToTable("Responses");
        e.HasKey(r => r.Seq);
        e.Property(r => r.Seq).ValueGeneratedOnAdd();
        e.Property(r => r.Id).IsRequired(); // an upstream's id as it sent it, whatever its length
        e.Property(r => r.Model).HasMaxLength(256);
        e.Property(r => r.Project).HasMaxLength(ProjectScope.MaxProjectLength).HasDefaultValue(ProjectScope.DefaultProject);
        e.HasIndex(r => r.Id);
        e.HasIndex(r => new { r.Project, r.Seq });
    }
}
