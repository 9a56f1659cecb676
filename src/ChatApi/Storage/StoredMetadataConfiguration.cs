using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatApi.Storage;

internal sealed class StoredMetadataConfiguration : IEntityTypeConfiguration<StoredMetadata>
{
    public void Configure(EntityTypeBuilder<StoredMetadata> e)
    {
        e.ToTable("CompletionMetadata");
        e.HasKey(m => new { m.CompletionSeq, m.Key });
        e.Property(m => m.Key).HasMaxLength(64);
        e.Property(m => m.Value).HasMaxLength(512);
        // A filter walks (key, value) in cursor order without touching other rows.
        e.HasIndex(m => new { m.Key, m.Value, m.CompletionSeq });
    }
}
