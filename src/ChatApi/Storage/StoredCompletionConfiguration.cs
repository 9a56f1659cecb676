using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatApi.Storage;

internal sealed class StoredCompletionConfiguration : IEntityTypeConfiguration<StoredCompletion>
{
    public void Configure(EntityTypeBuilder<StoredCompletion> e)
    {
        e.ToTable("Completions");
        e.HasKey(c => c.Seq);
        e.Property(c => c.Seq).ValueGeneratedOnAdd();
        e.Property(c => c.Id).IsRequired(); // an upstream's id as it sent it, whatever its length
        e.Property(c => c.Model).HasMaxLength(256);
        e.Property(c => c.Project).HasMaxLength(ProjectScope.MaxProjectLength).HasDefaultValue(ProjectScope.DefaultProject);
        e.HasIndex(c => c.Id);
        e.HasIndex(c => new { c.Project, c.Seq });
        e.HasIndex(c => new { c.Model, c.Seq });
        e.Property(c => c.Captured).HasDefaultValue(false);
        e.HasMany(c => c.Metadata).WithOne().HasForeignKey(m => m.CompletionSeq).OnDelete(DeleteBehavior.Cascade);
    }
}
